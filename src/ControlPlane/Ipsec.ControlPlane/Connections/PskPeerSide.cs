using Ipsec.ControlPlane.Secrets;
using Ipsec.ControlPlane.Storage;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Connections;

/// <summary>The customer side of a PSK connection: everything its swanctl.conf (GET .../peer-config) and the local
/// runtime's demo customer gateway are made from. Holds the PSK: never log it.</summary>
public sealed record PskPeerSide(ConnectionRecord Record, VpnGateway Gateway, CustomerGateway Customer, string Psk)
{
    /// <summary>The customer gateway's strongSwan configuration, exactly as GET .../peer-config?format=strongswan gives it.</summary>
    public string StrongSwanConf => StrongSwanPeerConfig.Write(Record.Settings.Name, Record.Settings, Psk, Gateway.PublicIp, Customer.IpAddress);

    public override string ToString() => $"PskPeerSide({Record.ConnectionId}, psk ***)";
}

/// <summary>Why a connection has no <see cref="PskPeerSide"/> to hand out.</summary>
public enum PskPeerSideLookup { Found, NotFound, SmGateway, PskNotProvisioned }

/// <summary>Loads a connection's <see cref="PskPeerSide"/> within the caller's account (another account's connection is
/// <see cref="PskPeerSideLookup.NotFound"/>, like a missing one).</summary>
public sealed class PskPeerSideLoader(ConnectionStore connections, GatewayStore gateways, SecretProtector secrets)
{
    public async Task<(PskPeerSideLookup Lookup, PskPeerSide? Peer)> LoadAsync(string accountId, string connectionId, CancellationToken ct)
    {
        var current = await connections.GetAsync(accountId, connectionId, ct);
        if (current is null) return (PskPeerSideLookup.NotFound, null);
        var r = current.Record;
        var gateway = await gateways.GetVpnGatewayAsync(accountId, r.Settings.VpnGatewayId, ct);
        var customer = await gateways.GetCustomerGatewayAsync(accountId, r.Settings.CustomerGatewayId, ct);
        if (gateway is null || customer is null) return (PskPeerSideLookup.NotFound, null);
        if (gateway.Kind == GatewayKind.Sm) return (PskPeerSideLookup.SmGateway, null);
        if (r.ProtectedPsk is null) return (PskPeerSideLookup.PskNotProvisioned, null);
        string psk = secrets.Unprotect(r.ProtectedPsk, SecretOwners.Connection(r.AccountId, r.ConnectionId));
        return (PskPeerSideLookup.Found, new PskPeerSide(r, gateway, customer, psk));
    }
}
