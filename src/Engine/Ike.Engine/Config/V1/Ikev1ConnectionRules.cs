using Ike.Engine.Api;

namespace Ike.Engine.Config.V1;

/// <summary>What an IKEv1 connection must satisfy beyond what every connection does, checked once at load.</summary>
public static class Ikev1ConnectionRules
{
    /// <summary>
    /// PRODUCT.md §3: more than one local or remote subnet "only with ikeVersion = ikev2". IKEv1 quick mode names one
    /// IDci/IDcr pair per exchange (RFC 2409 §5.5), so the engine negotiates exactly one pair; the control plane checks
    /// the same rule, the engine checks it again so a hand-written agent file cannot slip past it.
    /// </summary>
    /// <exception cref="ArgumentException">More than one subnet on either side, or SM2 certificates in aggressive mode
    /// (certificates in IKEv1 mean GM/T 0022, which is a main mode; refusing at load beats negotiating with the PSK the
    /// caller did not mean).</exception>
    public static void Validate(ConnectionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Certificates is not null && config.Protocol != IkeProtocol.Ikev1Main)
        {
            throw new ArgumentException(
                $"connection '{config.Name}': SM2 certificates in IKEv1 mean GM/T 0022 main mode (digital envelope); "
                + "aggressive mode has no certificate authentication here, use main mode or IKEv2");
        }

        if (config.LocalSubnets.Count > 1 || config.RemoteSubnets.Count > 1)
        {
            throw new ArgumentException(
                $"connection '{config.Name}': IKEv1 negotiates one subnet pair per connection (quick mode carries one IDci/IDcr pair), "
                + $"but {config.LocalSubnets.Count} local and {config.RemoteSubnets.Count} remote subnets are configured; "
                + "use IKEv2 for several subnets or one connection per pair");
        }
    }
}
