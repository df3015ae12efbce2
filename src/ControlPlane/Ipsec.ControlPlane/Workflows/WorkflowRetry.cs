using Microsoft.DurableTask;

namespace Ipsec.ControlPlane.Workflows;

/// <summary>Activities touch storage, which can fail transiently: retry with backoff before giving up.</summary>
static class WorkflowRetry
{
    public static TaskOptions Default { get; } =
        TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));
}
