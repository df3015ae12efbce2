using System.Runtime.Versioning;

// The agent runs on Linux only (Unix sockets with modes, POSIX signals); so do its tests.
[assembly: SupportedOSPlatform("linux")]
