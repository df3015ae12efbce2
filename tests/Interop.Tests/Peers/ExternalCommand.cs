using System.Diagnostics;

namespace Interop.Tests.Peers;

/// <summary>Runs a short-lived command to completion (bounded by a timeout) and captures its output.</summary>
internal static class ExternalCommand
{
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) startInfo.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (name, value) in environment) startInfo.Environment[name] = value;
        string commandLine = string.Join(' ', [fileName, .. arguments]);

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start {commandLine}");
        process.StandardInput.Close();
        // read both pipes concurrently: a full stderr pipe would block the child while we wait on stdout
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new CommandResult(commandLine, timedOut ? -1 : process.ExitCode, await stdout, await stderr, timedOut);
    }

    /// <summary>Runs the command and throws, with its output, when it fails.</summary>
    public static async Task<CommandResult> RunCheckedAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        CommandResult result = await RunAsync(fileName, arguments, timeout, environment, cancellationToken);
        if (!result.Succeeded) throw new InvalidOperationException($"command failed:\n{result}");
        return result;
    }
}
