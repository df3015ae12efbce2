using System.Diagnostics;
using System.Globalization;

namespace Ike.HandshakeBench.Measurement;

/// <summary>
/// The responder's own count of handshakes, read by a shell command that prints one integer (for charon a
/// <c>swanctl --counters</c> line, for our engine its status port). The command runs between phases, when nothing is in
/// flight, so its own cost falls outside the measured window.
/// </summary>
internal static class ResponderCount
{
    public static long Read(string command)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start /bin/bash");
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException($"count command did not finish: {command}");
        }

        if (process.ExitCode != 0 || !long.TryParse(output.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long count))
        {
            throw new InvalidOperationException($"count command failed (exit {process.ExitCode}, output '{output.Trim()}', error '{error.Trim()}'): {command}");
        }

        return count;
    }
}
