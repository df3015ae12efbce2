using Interop.Tests.Peers;
using Ipsec.Domain;
using Xunit;

namespace Interop.Tests.PeerConfig;

/// <summary>
/// The customer-gateway configuration the API hands out (<c>GET /api/connections/{id}/peer-config?format=strongswan</c>)
/// loads into a real strongSwan with the algorithms, identities and subnets of the connection, and negotiates with a
/// charon configured as the cloud side of the same connection.
/// </summary>
public sealed class StrongSwanPeerConfigTests
{
    const string Cloud = "127.0.0.1", Customer = "127.0.0.2";
    const int CloudPort = 15600, CloudNat = 14600, CustomerPort = 25600, CustomerNat = 24600;

    static ConnectionSettings Settings(IkeVersion version = IkeVersion.Ikev2, IkeMode mode = IkeMode.Main, string enc = "aes", string auth = "sha256",
        string pfs = "group14", string ipsecPfs = "group14", string localId = Cloud, string remoteId = Customer,
        string[]? local = null, string[]? remote = null) =>
        new("peer-cfg", "vpn-1", "cgw-1", RoutingMode.Destination, local ?? [$"{Cloud}/32"], remote ?? [$"{Customer}/32"], false,
            new IkeConfig(version, mode, enc, auth, pfs, 3600, localId, remoteId),
            new IpsecConfig(enc, auth, ipsecPfs, 1800), true, true,
            new BgpConfig(false, null, null, 45104), new HealthCheckConfig(false, null, null, 3, 3), null);

    public static TheoryData<string, string, string, string> Variants => new()
    {
        // (variant, proposals written for strongSwan (IKE; ESP), what list-conns shows for the version, the mirrored identities)
        { "ikev2-default", "proposals = aes128-sha256-modp2048;esp_proposals = aes128-sha256-modp2048", "IKEv2, no reauthentication, rekeying every 3240s, dpd delay 10s", "id: 127.0.0.2;id: 127.0.0.1" },
        { "ikev1-aggressive-fqdn-old-algorithms", "proposals = des-md5-modp768;esp_proposals = des-md5\n", "IKEv1, reauthentication every 3240s, dpd delay 10s", "id: idc.example;id: vpn.cloud.example" },
        { "ikev2-multi-subnet-aes256-sha512", "proposals = aes256-sha512-modp1536;esp_proposals = aes256-sha512-modp1024", "IKEv2, no reauthentication, rekeying every 3240s, dpd delay 10s", "id: 127.0.0.2;id: 127.0.0.1" },
    };

    static ConnectionSettings Variant(string name) => name switch
    {
        "ikev2-default" => Settings(),
        "ikev1-aggressive-fqdn-old-algorithms" => Settings(IkeVersion.Ikev1, IkeMode.Aggressive, "des", "md5", "group1", "disabled", "vpn.cloud.example", "idc.example"),
        "ikev2-multi-subnet-aes256-sha512" => Settings(enc: "aes256", auth: "sha512", pfs: "group5", ipsecPfs: "group2",
            local: ["172.16.1.0/24", "172.16.2.0/24"], remote: ["10.10.0.0/16", "10.20.0.0/16", "10.30.0.0/16"]),
        _ => throw new ArgumentException(name),
    };

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public async Task The_generated_configuration_loads_into_strongswan_as_the_connection_says(string variant, string proposals, string summary, string ids)
    {
        PeerEnvironment.SkipUnlessAvailable();
        var settings = Variant(variant);
        string conf = StrongSwanPeerConfig.Write(settings.Name, settings, "peer-config-psk-123", Cloud, Customer);
        foreach (string p in proposals.Split(';')) Assert.Contains(p.Replace("\\n", "\n"), conf);
        await using var peer = await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions
        {
            Name = "cfg-" + variant[..5], IkePort = CustomerPort, NatTraversalPort = CustomerNat, SwanctlConf = conf,
        });
        var conns = await peer.SwanctlAsync(["--list-conns"], TimeSpan.FromSeconds(10));
        Assert.True(conns.Succeeded, conns.ToString());
        string text = conns.StandardOutput;
        Assert.Contains("peer-cfg: " + summary, text);
        Assert.Contains("peer-cfg-child: TUNNEL, rekeying every 1620s, dpd action is start", text);
        int local = text.IndexOf("local pre-shared key authentication:", StringComparison.Ordinal);
        int remote = text.IndexOf("remote pre-shared key authentication:", StringComparison.Ordinal);
        Assert.True(local >= 0 && remote > local, text);
        Assert.Contains(ids.Split(';')[0], text[local..remote]);   // the customer's own identity is the connection's remoteId
        Assert.Contains(ids.Split(';')[1], text[remote..]);
        foreach (var s in settings.RemoteSubnets) Assert.Contains(s, text);   // the customer's local_ts
        foreach (var s in settings.LocalSubnets) Assert.Contains(s, text);    // the customer's remote_ts
        Assert.DoesNotContain("peer-config-psk-123", text);
    }

    [SkippableFact]
    public async Task The_generated_customer_side_negotiates_with_the_cloud_side_of_the_same_connection()
    {
        PeerEnvironment.SkipUnlessAvailable();
        var settings = Settings(enc: "aes256", auth: "sha384", pfs: "group14", ipsecPfs: "group5", localId: "vpn.cloud.example", remoteId: Customer);
        const string psk = "shared-secret-\"quoted\"-\\x";
        string customerConf = StrongSwanPeerConfig.Write(settings.Name, settings, psk, Cloud, Customer)
            .Replace($"remote_addrs = {Cloud}", $"remote_addrs = {Cloud}\n    remote_port = {CloudPort}");
        // The cloud side of the same connection, written independently here (the product's engine plays it later).
        string cloudConf = $$"""
            connections {
              cloud {
                version = 2
                local_addrs = {{Cloud}}
                remote_addrs = {{Customer}}
                remote_port = {{CustomerPort}}
                proposals = aes256-sha384-modp2048
                local { auth = psk
                  id = fqdn:vpn.cloud.example }
                remote { auth = psk
                  id = {{Customer}} }
                children {
                  cloud-child {
                    local_ts = {{Cloud}}/32
                    remote_ts = {{Customer}}/32
                    esp_proposals = aes256-sha384-modp1536
                  }
                }
              }
            }
            secrets {
              ike-cloud { id-1 = fqdn:vpn.cloud.example
                id-2 = {{Customer}}
                secret = "shared-secret-\"quoted\"-\\x" }
            }
            """;
        await using var addresses = await LoopbackAddresses.AddAsync(Customer);
        await using var cloud = await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions { Name = "cloud", IkePort = CloudPort, NatTraversalPort = CloudNat, SwanctlConf = cloudConf });
        await using var customer = await StrongSwanPeer.StartAsync(new StrongSwanPeerOptions { Name = "customer", IkePort = CustomerPort, NatTraversalPort = CustomerNat, SwanctlConf = customerConf });

        var up = await customer.InitiateAsync(SaSelector.Child("peer-cfg-child"), TimeSpan.FromSeconds(15));
        Assert.True(up.Succeeded, up + "\n" + customer.Describe() + "\n" + cloud.Describe());
        var sa = Assert.Single(await cloud.ListSasAsync());
        Assert.True(sa.IsEstablished);
        Assert.Equal(("AES_CBC", 256), (sa.EncryptionAlgorithm, sa.EncryptionKeySize));
        Assert.Equal("MODP_2048", sa.DhGroup);
        var child = Assert.Single(sa.ChildSas);
        Assert.True(child.IsInstalled, child.State);
        Assert.Equal("HMAC_SHA2_384_192", child.IntegrityAlgorithm);
    }
}
