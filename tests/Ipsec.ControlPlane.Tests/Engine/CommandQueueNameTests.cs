using System.Text.RegularExpressions;
using Ipsec.ControlPlane.Engine.Remote;
using Ipsec.ControlPlane.Storage;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Engine;

/// <summary>Per-gateway command queue names obey the storage queue naming rules whatever the id, and two ids never
/// share a queue.</summary>
public sealed partial class CommandQueueNameTests
{
    // 3–63 characters; lowercase letters, digits and hyphens; starts and ends with a letter or digit; no "--".
    [GeneratedRegex("^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex QueueName();

    [Fact]
    public void A_generated_gateway_id_is_used_as_it_is()
    {
        string id = Ids.New("vpn");
        Assert.Equal("engine-commands-" + id, EngineTransportQueues.CommandQueueName(id));
    }

    [Theory]
    [InlineData("vpn-abcdefghijklmnopqrst")]
    [InlineData("VPN-ABCDEFGHIJKLMNOPQRST")]
    [InlineData("vpn_with_underscores")]
    [InlineData("vpn--double")]
    [InlineData("vpn-trailing-")]
    [InlineData("-")]
    [InlineData("___")]
    [InlineData("a")]
    [InlineData("vpn-0123456789012345678901234567890123456789012345678901234567890123")]
    public void Every_id_folds_to_a_valid_queue_name(string id)
    {
        string name = EngineTransportQueues.CommandQueueName(id);
        Assert.Matches(QueueName(), name);
        Assert.StartsWith(StorageNames.EngineCommandsQueuePrefix, name);
    }

    [Theory]
    [InlineData("vpn-a", "VPN-A")]
    [InlineData("vpn_a", "vpn-a")]
    [InlineData("vpn--a", "vpn-a")]
    [InlineData("vpn-0123456789012345678901234567890123456789012345678901234567890123", "vpn-0123456789012345678901234567890123456789012345678901234567890124")]
    public void Ids_that_fold_alike_get_different_queues(string a, string b) =>
        Assert.NotEqual(EngineTransportQueues.CommandQueueName(a), EngineTransportQueues.CommandQueueName(b));
}
