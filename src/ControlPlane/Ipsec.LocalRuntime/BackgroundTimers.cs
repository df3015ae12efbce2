using Ipsec.ControlPlane.Maintenance;
using Ipsec.ControlPlane.Storage;
using Microsoft.DurableTask.Client;

namespace Ipsec.LocalRuntime;

/// <summary>Creates the tables and queues at start (the Functions app relies on infra for that) and runs the timer
/// trigger's work (the stalled-workflow sweep) on the same schedule as the Functions app.</summary>
sealed class StorageInitializer(StorageClients storage) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => storage.EnsureCreatedAsync(ct);
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

sealed partial class SweepTimer(StalledWorkflowSweeper sweeper, DurableTaskClient client, ILogger<SweepTimer> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await sweeper.SweepAsync(client, stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException) { LogSweepFailed(log, e.Message); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "stalled-workflow sweep failed: {Message}")]
    static partial void LogSweepFailed(ILogger log, string message);
}
