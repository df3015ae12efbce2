namespace Ike.Agent.Control;

/// <summary>
/// Whether a path is a Unix socket, so the agent only ever deletes a stale socket and never, say, a configuration file
/// given as <c>--control</c> by mistake. .NET reports no file type on Unix (a socket's attributes are "Normal", like a
/// regular file's), but open(2) of a socket fails with ENXIO (open(2), "ENXIO ... the file is a UNIX domain socket")
/// where a regular file opens.
/// </summary>
internal static class UnixSocketFile
{
    public static bool IsSocket(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            return false;
        }
        catch (IOException)
        {
            return File.Exists(path);
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
