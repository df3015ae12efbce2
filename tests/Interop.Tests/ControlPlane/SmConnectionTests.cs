using System.Net;
using System.Text.Json;
using Ike.Engine;
using Ike.Engine.Api;
using Ike.Engine.Transport;
using Ipsec.Certificates;
using Xunit;
using Xunit.Abstractions;

namespace Interop.Tests.ControlPlane;

/// <summary>
/// An sm (national-crypto) connection end to end through the API on the local runtime (issue 6): the gateway's SM2
/// signing and encryption certificates bound by the service's CA, the customer's own CA uploaded to the service and
/// named by id, and our engine playing the customer gateway with the customer PKI (no outside peer speaks SM here).
/// GM/T 0022 main mode (the sm default, IKEv1) and IKEv2 with SM transforms both reach ipsec_sa_established.
/// </summary>
public sealed class SmConnectionTests(ITestOutputHelper output)
{
    static string Status(JsonElement c) => c.GetProperty("status").GetString()!;

    [SkippableTheory]
    [InlineData("ikev1")]
    [InlineData("ikev2")]
    public async Task An_sm_connection_comes_up_against_the_customer_side_played_by_our_engine(string ikeVersion)
    {
        ControlPlaneLab.SkipUnlessStorage();
        await using var lab = ControlPlaneLab.Start();
        string gw = (await lab.Post("/api/vpn-gateways", new { name = "sm-gw", kind = "sm", publicIp = ControlPlaneLab.GatewayIp, vpcCidrs = new[] { "172.16.0.0/16" } }))
            .GetProperty("vpnGatewayId").GetString()!;
        string cgw = (await lab.Post("/api/customer-gateways", new { name = "sm-idc", ipAddress = ControlPlaneLab.CustomerIp })).GetProperty("customerGatewayId").GetString()!;
        var bound = await lab.Post($"/api/vpn-gateways/{gw}/certificates", new { });
        Assert.True(SmCertificatePem.TryReadSingle(bound.GetProperty("caCertificate").GetString(), out var serviceCa, out _));

        // the customer's own PKI; its CA is kept by the service and named by id
        var customerPki = DemoCustomerPki.Create(cgw, TimeProvider.System);
        string caId = (await lab.Post("/api/certificates", new { name = "idc-ca", certificate = customerPki.Ca.CertificatePem })).GetProperty("certificateId").GetString()!;
        string id = (await lab.Post("/api/connections", new Dictionary<string, object?>
        {
            ["name"] = "sm-" + ikeVersion, ["vpnGatewayId"] = gw, ["customerGatewayId"] = cgw, ["routingMode"] = "destination",
            ["localSubnets"] = new[] { "172.16.50.0/24" }, ["remoteSubnets"] = new[] { "127.0.51.0/24" },
            ["ikeConfig"] = new { ikeVersion, remoteId = customerPki.Ca.SubjectDn },
            ["remoteCaCertificate"] = caId,
        })).GetProperty("connectionId").GetString()!;
        await lab.WaitFor(id, c => c.GetProperty("provisioningState").GetString() == "active", TimeSpan.FromSeconds(60));

        // the customer gateway: our engine on 127.0.0.2 with the customer's certificates, trusting the service CA
        var endpoints = new[] { new IPEndPoint(IPAddress.Parse(ControlPlaneLab.CustomerIp), ControlPlaneLab.PeerIkePort),
                                new IPEndPoint(IPAddress.Parse(ControlPlaneLab.CustomerIp), ControlPlaneLab.PeerNatPort) };
        await using var customer = new IkeEngine(new UdpDatagramTransport(endpoints));
        var own = customerPki.Gateway;
        customer.LoadConnection(new ConnectionConfig("cloud", ikeVersion == "ikev2" ? IkeProtocol.Ikev2 : IkeProtocol.Ikev1Main,
            endpoints[0], new IPEndPoint(IPAddress.Parse(ControlPlaneLab.GatewayIp), ControlPlaneLab.EngineIkePort),
            X500NameMatching.ToRfc4514(own.Signing.Certificate.SubjectDN), X500NameMatching.ToRfc4514(serviceCa!.SubjectDN), new PreSharedKey(""),
            new IkeProposalConfig("sm4", "sm3", "group14"), new ChildProposalConfig("sm4", "sm3", null),
            [Subnet.Parse("127.0.51.0/24")], [Subnet.Parse("172.16.50.0/24")], TimeSpan.FromHours(24), TimeSpan.FromHours(1),
            null, true, StartAction.None,
            new CertificateCredentials(own.Signing.Certificate, own.Signing.PrivateKey, own.Encryption.Certificate, own.Encryption.PrivateKey, serviceCa)));

        Assert.Equal(HttpStatusCode.Accepted, (await lab.Http.PostAsync($"/api/connections/{id}/negotiate", null)).StatusCode);
        var up = await lab.WaitFor(id, c => Status(c) == "ipsec_sa_established", TimeSpan.FromSeconds(30));
        output.WriteLine(up.GetProperty("statusReason").GetString());

        var sa = Assert.Single(customer.ListSas());
        Assert.Equal(ikeVersion == "ikev2" ? IkeProtocol.Ikev2 : IkeProtocol.Ikev1Main, sa.Protocol);
        Assert.StartsWith("sm4cbc/sm3", sa.Algorithms);
        Assert.Equal("sm4cbc/sm3", Assert.Single(sa.Children).Algorithms);

        // delete: Delete notifications reach the customer side; no SA is left there
        Assert.Equal(HttpStatusCode.Accepted, (await lab.Http.DeleteAsync($"/api/connections/{id}")).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (customer.ListSas().Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Empty(customer.ListSas());
    }
}
