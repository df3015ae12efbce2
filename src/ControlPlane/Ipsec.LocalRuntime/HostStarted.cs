namespace Ipsec.LocalRuntime;

/// <summary>
/// For background work that calls the durable client: wait until every hosted service has started, the gRPC sidecar
/// among them. A call the sidecar refuses (not listening yet) puts the client's channel into reconnect backoff, and
/// the first API requests after start would then fail fast with "Unavailable".
/// </summary>
static class HostStarted
{
    /// <summary>True once the host has started; false when it is stopping first.</summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try { await started.Task; return true; }
        catch (OperationCanceledException) { return false; }
    }
}
