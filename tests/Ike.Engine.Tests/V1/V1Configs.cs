using Ike.Engine.Api;
using Ike.Engine.Tests.TestSupport;

namespace Ike.Engine.Tests.V1;

/// <summary>IKEv1 connections for <see cref="EnginePair"/>: the IKEv2 ones with the protocol switched, IP identities in
/// main mode (the responder picks the PSK by address, RFC 2409 §5.4) and FQDNs in aggressive mode.</summary>
internal static class V1Configs
{
    public static ConnectionConfig Config(IkeProtocol mode, bool fromB = false, string psk = "correct horse battery staple",
        string ike = "aes/sha256/group14", string esp = "aes/sha256", string? pfs = null, DpdConfig? dpd = null,
        TimeSpan? ikeLifetime = null, TimeSpan? childLifetime = null, bool natTraversal = true, string? localId = null, string? remoteId = null,
        string[]? localSubnets = null, string[]? remoteSubnets = null)
    {
        bool main = mode == IkeProtocol.Ikev1Main;
        string idA = main ? EnginePair.AddressA.ToString() : "gw-a.example";
        string idB = main ? EnginePair.AddressB.ToString() : "gw-b.example";
        return EnginePair.Config(fromB, psk, ike, esp, pfs, localId ?? (fromB ? idB : idA), remoteId ?? (fromB ? idA : idB),
            localSubnets, remoteSubnets, dpd, ikeLifetime, childLifetime, natTraversal) with { Protocol = mode };
    }
}
