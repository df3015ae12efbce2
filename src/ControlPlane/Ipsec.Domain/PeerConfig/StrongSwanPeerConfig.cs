using System.Globalization;
using System.Net;
using System.Text;

namespace Ipsec.Domain;

/// <summary>
/// The customer gateway's side of a connection as a strongSwan <c>swanctl.conf</c>, matching the connection exactly:
/// IKE version and mode, algorithms, DH groups and PFS, identities (mirrored), PSK, subnets (mirrored), DPD and
/// lifetimes. It is what <c>GET /api/connections/{id}/peer-config?format=strongswan</c> returns.
/// </summary>
public static class StrongSwanPeerConfig
{
    /// <summary>DPD interval the product's engine uses; the peer gets the same (PRODUCT.md has no DPD timing field).</summary>
    public static readonly TimeSpan DpdDelay = TimeSpan.FromSeconds(10);

    /// <summary>strongSwan rekeys at <c>rekey_time</c> and gives up at <c>rekey_time + over_time</c> (IKE SA) or
    /// <c>life_time</c> (CHILD SA); rekeying at 90 % of the connection's lifetime keeps the hard limit equal to it.</summary>
    const double RekeyFraction = 0.9;

    /// <param name="connectionName">a name for the conn section (sanitised to what swanctl accepts)</param>
    /// <param name="settings">the connection (its VPN-gateway-side view)</param>
    /// <param name="psk">the connection's pre-shared key</param>
    /// <param name="vpnGatewayAddress">the VPN gateway's public IP (the peer's remote address)</param>
    /// <param name="customerGatewayAddress">the customer gateway's IP (the peer's local address)</param>
    public static string Write(string connectionName, ConnectionSettings settings, string psk, string vpnGatewayAddress, string customerGatewayAddress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.IkeConfig.IkeEncAlg == "sm4")
            throw new ArgumentException("strongSwan has no SM transforms; an sm connection has no strongSwan peer configuration", nameof(settings));
        string name = Sanitise(connectionName);
        var ike = settings.IkeConfig;
        var esp = settings.IpsecConfig;
        string ikeProposal = $"{StrongSwanNames.Encryption(ike.IkeEncAlg)}-{StrongSwanNames.Integrity(ike.IkeAuthAlg)}-{StrongSwanNames.DhGroup(ike.IkePfs ?? "group14")}";
        string espProposal = $"{StrongSwanNames.Encryption(esp.IpsecEncAlg)}-{StrongSwanNames.Integrity(esp.IpsecAuthAlg)}"
            + (esp.IpsecPfs == AlgorithmCatalog.PfsDisabled ? "" : "-" + StrongSwanNames.DhGroup(esp.IpsecPfs));
        bool v1 = ike.IkeVersion == IkeVersion.Ikev1;

        var s = new StringBuilder();
        s.AppendLine($"# strongSwan swanctl.conf for the customer gateway of connection '{settings.Name}'.");
        s.AppendLine("# Load with: swanctl --load-all (or --load-conns and --load-creds). The PSK below is a secret: protect this file.");
        s.AppendLine("connections {");
        s.AppendLine($"  {name} {{");
        s.AppendLine($"    version = {(v1 ? 1 : 2)}");
        if (v1) s.AppendLine($"    aggressive = {(ike.IkeMode == IkeMode.Aggressive ? "yes" : "no")}");
        s.AppendLine($"    local_addrs = {customerGatewayAddress}");
        s.AppendLine($"    remote_addrs = {vpnGatewayAddress}");
        s.AppendLine($"    proposals = {ikeProposal}");
        s.AppendLine($"    rekey_time = {Seconds(ike.IkeLifetime * RekeyFraction)}");
        s.AppendLine($"    over_time = {Seconds(ike.IkeLifetime * (1 - RekeyFraction))}");
        if (settings.EnableDpd)
        {
            s.AppendLine($"    dpd_delay = {Seconds(DpdDelay.TotalSeconds)}");
            if (v1) s.AppendLine($"    dpd_timeout = {Seconds(DpdDelay.TotalSeconds * 3)}");
        }
        // NAT traversal: strongSwan always detects NAT (RFC 7296 §2.23 / RFC 3947) and cannot switch detection off;
        // with NAT traversal off on our side no UDP encapsulation is forced.
        s.AppendLine($"    encap = no");
        s.AppendLine("    local {");
        s.AppendLine("      auth = psk");
        s.AppendLine($"      id = {Identity(ike.RemoteId)}");
        s.AppendLine("    }");
        s.AppendLine("    remote {");
        s.AppendLine("      auth = psk");
        s.AppendLine($"      id = {Identity(ike.LocalId)}");
        s.AppendLine("    }");
        s.AppendLine("    children {");
        s.AppendLine($"      {name}-child {{");
        s.AppendLine($"        local_ts = {string.Join(",", settings.RemoteSubnets)}");
        s.AppendLine($"        remote_ts = {string.Join(",", settings.LocalSubnets)}");
        s.AppendLine($"        esp_proposals = {espProposal}");
        s.AppendLine($"        life_time = {Seconds(esp.IpsecLifetime)}");
        s.AppendLine($"        rekey_time = {Seconds(esp.IpsecLifetime * RekeyFraction)}");
        if (settings.EnableDpd) s.AppendLine("        dpd_action = restart");
        // The VPN gateway negotiates on traffic unless effectImmediately; trapping here lets either side's traffic start it.
        s.AppendLine("        start_action = trap");
        s.AppendLine("      }");
        s.AppendLine("    }");
        s.AppendLine("  }");
        s.AppendLine("}");
        s.AppendLine("secrets {");
        s.AppendLine($"  ike-{name} {{");
        s.AppendLine($"    id-1 = {Identity(ike.RemoteId)}");
        s.AppendLine($"    id-2 = {Identity(ike.LocalId)}");
        s.AppendLine($"    secret = \"{psk.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
        s.AppendLine("  }");
        s.AppendLine("}");
        return s.ToString();
    }

    /// <summary>An IPv4 address is an ID_IPV4_ADDR; anything else an ID_FQDN ("fqdn:" keeps strongSwan from guessing).</summary>
    static string Identity(string id) => IPAddress.TryParse(id, out _) ? id : "fqdn:" + id;

    static string Seconds(double seconds) => Math.Max(1, (long)Math.Round(seconds)).ToString(CultureInfo.InvariantCulture) + "s";

    /// <summary>swanctl section names: letters, digits, '-' and '_' (names may be Chinese; those become '_').</summary>
    static string Sanitise(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray();
        string s = new(chars);
        return s.Length == 0 || !char.IsAsciiLetter(s[0]) ? "conn-" + s : s;
    }
}
