namespace Ike.Agent.Tests.TestSupport;

internal static class Eventually
{
    /// <summary>Polls a condition the test cannot await directly (something that happens on the agent's side of the
    /// socket). Bounded: fails after 10 s rather than hanging. Asserts the state, never a duration.</summary>
    public static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 1000 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
