using System.Reflection;
using Ipsec.ControlPlane.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Workflows;

/// <summary>
/// Every orchestrator and activity the local runtime registers must have a [Function] wrapper with the same name and
/// trigger kind in the Functions app; otherwise it works locally and is missing on Azure.
/// </summary>
public sealed class FunctionsWrapperGuardTests
{
    static bool Derives(Type t, Type open)
    {
        for (var b = t.BaseType; b is not null; b = b.BaseType)
            if (b.IsGenericType && b.GetGenericTypeDefinition() == open) return true;
        return false;
    }

    [Fact]
    public void Every_registered_durable_task_has_a_function_wrapper_and_no_wrapper_is_orphaned()
    {
        var registry = new DurableTaskRegistry();
        DurableTasks.Register(registry);
        var shared = typeof(DurableTasks).Assembly.GetTypes().Where(t => !t.IsAbstract).ToList();
        var expected = shared.Where(t => Derives(t, typeof(TaskOrchestrator<,>))).Select(t => (t.Name, "orchestration"))
            .Concat(shared.Where(t => Derives(t, typeof(TaskActivity<,>))).Select(t => (t.Name, "activity"))).ToHashSet();
        Assert.NotEmpty(expected);

        var wrappers = typeof(Ipsec.Functions.DurableFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
            .Select(m => (fn: m.GetCustomAttribute<FunctionAttribute>(), ps: m.GetParameters()))
            .Where(x => x.fn is not null)
            .Select(x => (x.fn!.Name,
                x.ps.Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null) ? "orchestration" :
                x.ps.Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null) ? "activity" : "other"))
            .Where(x => x.Item2 != "other").ToHashSet();

        Assert.Empty(expected.Except(wrappers));   // a class without a wrapper
        Assert.Empty(wrappers.Except(expected));   // a wrapper without a class
    }
}
