using Interop.Tests.Peers;
using Xunit;

namespace Interop.Tests;

/// <summary>Missing IKE peers skip the interop tests on a developer machine and fail them in CI.</summary>
public sealed class PeerEnvironmentTests
{
    static readonly string[] Missing = ["not running as root", "swanctl is missing (strongswan-swanctl)"];

    [Fact]
    public void Enforce_NothingMissing_DoesNothing()
    {
        PeerEnvironment.Enforce([], isContinuousIntegration: true);
        PeerEnvironment.Enforce([], isContinuousIntegration: false);
    }

    [Fact]
    public void Enforce_MissingLocally_Skips_NamingEveryReasonAndTheInstaller()
    {
        var skip = Assert.Throws<SkipException>(() => PeerEnvironment.Enforce(Missing, isContinuousIntegration: false));

        Assert.Contains("not running as root", skip.Message);
        Assert.Contains("swanctl is missing", skip.Message);
        Assert.Contains(".ci/install-ike-peers.sh", skip.Message);
    }

    [Fact]
    public void Enforce_MissingInCi_Fails_InsteadOfSkipping()
    {
        var failure = Assert.Throws<PeerEnvironmentUnavailableException>(() => PeerEnvironment.Enforce(Missing, isContinuousIntegration: true));

        Assert.Contains("CI=true", failure.Message);
        Assert.Contains("swanctl is missing", failure.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" true ", true)]
    [InlineData("false", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsContinuousIntegration_OnlyForCiTrue(string? value, bool expected) =>
        Assert.Equal(expected, PeerEnvironment.IsContinuousIntegration(value));

    [SkippableFact]
    public void FindMissingRequirements_OnThisMachine_MatchesTheInstalledPeers()
    {
        // where the peers are installed (CI, and here after .ci/install-ike-peers.sh) nothing may be reported
        // missing; elsewhere the list must name something
        bool installed = File.Exists(HostTools.Charon) && Environment.IsPrivilegedProcess;
        Skip.If(!installed && !PeerEnvironment.IsContinuousIntegration(Environment.GetEnvironmentVariable("CI")), "peers not installed here");

        Assert.Empty(PeerEnvironment.FindMissingRequirements());
    }
}
