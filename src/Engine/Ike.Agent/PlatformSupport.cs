using System.Runtime.Versioning;

// The agent is a Linux daemon: Unix domain control socket with file modes, POSIX signals, IKE on raw UDP ports.
[assembly: SupportedOSPlatform("linux")]
