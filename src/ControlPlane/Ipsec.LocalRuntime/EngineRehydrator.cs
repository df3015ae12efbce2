using Ipsec.ControlPlane.Storage;
using Ipsec.ControlPlane.Workflows;
using Ipsec.Domain;
using Microsoft.DurableTask.Client;

namespace Ipsec.LocalRuntime;

/// <summary>
/// The in-process engines start empty. After a restart, wake every live connection's watch loop so it configures the
/// engine again right away instead of at its next coarse round (the watch loops themselves are durable and resume on
/// their own).
/// </summary>
sealed partial class EngineRehydrator(ConnectionStore connections, DurableTaskClient client, IHostApplicationLifetime lifetime,
    ILogger<EngineRehydrator> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await HostStarted.WaitAsync(lifetime, stoppingToken)) return;
            int woken = 0;
            await foreach (var r in connections.ScanAllAsync(stoppingToken))
            {
                if (r.ProvisioningState != ProvisioningState.Active) continue;
                string watch = WorkflowInstanceIds.Watch(r.ConnectionId);
                var md = await client.GetInstanceAsync(watch, getInputsAndOutputs: false, stoppingToken);
                if (md is null || md.IsCompleted) continue;
                await client.RaiseEventAsync(watch, WatchEvents.Wake, "runtime started", stoppingToken);
                woken++;
            }
            if (woken > 0) LogWoken(log, woken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e) { LogFailed(log, e.Message); }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "woke {Count} watch loop(s) to configure the gateway engine again")]
    static partial void LogWoken(ILogger log, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not wake watch loops after start: {Message}")]
    static partial void LogFailed(ILogger log, string message);
}
