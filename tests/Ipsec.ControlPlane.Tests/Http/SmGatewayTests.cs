using System.Net;
using System.Text.Json.Nodes;
using Ipsec.Certificates;
using Ipsec.ControlPlane.Tests.Fixtures;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Http;

/// <summary>sm (national-crypto) gateways: certificates bound before a connection, the peer CA checked against remoteId.</summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class SmGatewayTests(LocalRuntimeFixture runtime)
{
    [SkippableFact]
    public async Task Certificates_are_bound_before_a_connection_and_the_peer_ca_must_match_remote_id()
    {
        runtime.Require();
        var http = runtime.Client("carol");
        string gw = await http.CreateVpnGateway(kind: "sm");
        string cgw = await http.CreateCustomerGateway();
        var customerPki = DemoCustomerPki.Create(cgw, TimeProvider.System);   // the customer's own SM2 CA
        var body = Api.ConnectionBody(gw, cgw, "sm-conn");
        body["routingMode"] = "destination";
        body["localSubnets"] = new JsonArray("172.16.1.0/24");
        body["ikeConfig"] = new JsonObject { ["remoteId"] = customerPki.Ca.SubjectDn };
        body["remoteCaCertificate"] = customerPki.Ca.CertificatePem;

        // not yet: no certificates on the gateway
        var early = await http.Post("/api/connections", body);
        Assert.Equal(HttpStatusCode.BadRequest, early.Status);
        Assert.Contains(early.Body.GetProperty("errors").EnumerateArray(), e => e.Str("code").Contains("SmCertificatesNotBound"));

        // bind: a signing and an encryption certificate, no private key in the answer; binding again returns the same pair
        var bound = await http.Post($"/api/vpn-gateways/{gw}/certificates", new { });
        Assert.Equal(HttpStatusCode.Created, bound.Status);
        Assert.Contains("BEGIN CERTIFICATE", bound.Body.Str("signingCertificate"));
        Assert.Contains("BEGIN CERTIFICATE", bound.Body.Str("encryptionCertificate"));
        Assert.DoesNotContain("PRIVATE KEY", bound.Body.GetRawText());
        var again = await http.Post($"/api/vpn-gateways/{gw}/certificates", new { });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(bound.Body.Str("signingCertificate"), again.Body.Str("signingCertificate"));
        Assert.True((await http.Get($"/api/vpn-gateways/{gw}")).Body.GetProperty("smCertificatesBound").GetBoolean());
        var read = await http.Get($"/api/vpn-gateways/{gw}/certificates");
        Assert.Equal(bound.Body.Str("encryptionCertificate"), read.Body.Str("encryptionCertificate"));

        // the peer CA's subject must be remoteId (compared as X.500 names, not strings)
        var mismatch = (JsonObject)body.DeepClone();
        mismatch["ikeConfig"] = new JsonObject { ["remoteId"] = "CN=someone-else,O=example,C=CN" };
        var refused = await http.Post("/api/connections", mismatch);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("remoteCaCertificate", refused.Body.Str("field"));
        Assert.Contains("SubjectMismatch", refused.Body.Str("code"));

        // an end-entity certificate is not a CA
        var notCa = (JsonObject)body.DeepClone();
        notCa["remoteCaCertificate"] = customerPki.Gateway.Signing.CertificatePem;
        notCa["ikeConfig"] = new JsonObject { ["remoteId"] = Ipsec.Certificates.X500NameMatching.ToRfc4514(customerPki.Gateway.Signing.Certificate.SubjectDN) };
        var notCaResult = await http.Post("/api/connections", notCa);
        Assert.Equal(HttpStatusCode.BadRequest, notCaResult.Status);
        Assert.Contains("NotCa", notCaResult.Body.Str("code"));

        // the right CA with its subject, case and spacing aside, is accepted; the gateway's public IP is not on this
        // host, so its engine says it cannot listen there (SM negotiation itself: tests/Interop.Tests ControlPlane/SmConnectionTests)
        var ok = (JsonObject)body.DeepClone();
        ok["ikeConfig"] = new JsonObject { ["remoteId"] = customerPki.Ca.SubjectDn.ToUpperInvariant().Replace(",", ", ") };
        var created = await http.Post("/api/connections", ok);
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        var c = await http.WaitFor($"/api/connections/{created.Body.Str("connectionId")}", r => r.Body.Str("provisioningState") == "active");
        Assert.Equal("sm4", c.Body.GetProperty("ikeConfig").Str("ikeEncAlg"));
        Assert.Equal("ike_sa_not_established", c.Body.Str("status"));
        Assert.Contains("cannot listen", c.Body.Str("statusReason"));
        // the create's provisioning step checked the certificates and says which
        var check = c.Body.GetProperty("history").EnumerateArray().Single(h => h.Str("field") == "certificates");
        Assert.Equal("checked", check.Str("to"));
        Assert.Contains("peer CA " + customerPki.Ca.SubjectDn, check.Str("reason"));
        Assert.Null(c.Body.GetProperty("psk").GetString());
    }

    [SkippableFact]
    public async Task Standard_gateways_have_no_sm_certificates()
    {
        runtime.Require();
        var http = runtime.Client("carol");
        string gw = await http.CreateVpnGateway();
        var r = await http.Post($"/api/vpn-gateways/{gw}/certificates", new { });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("InvalidOperation.NotSmGateway", r.Body.Str("code"));
    }
}

/// <summary>The account's peer CA certificates held by the service, and sm connections naming one by id.</summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class CaCertificateLibraryTests(LocalRuntimeFixture runtime)
{
    [SkippableFact]
    public async Task A_connection_can_name_a_held_ca_certificate_by_id_and_stores_its_pem()
    {
        runtime.Require();
        var http = runtime.Client("carol");
        string gw = await http.CreateVpnGateway(kind: "sm");
        string cgw = await http.CreateCustomerGateway();
        Assert.Equal(HttpStatusCode.Created, (await http.Post($"/api/vpn-gateways/{gw}/certificates", new { })).Status);
        var customerPki = DemoCustomerPki.Create(cgw, TimeProvider.System);

        var uploaded = await http.Post("/api/certificates", new { name = "idc-ca", certificate = customerPki.Ca.CertificatePem });
        Assert.Equal(HttpStatusCode.Created, uploaded.Status);
        string certificateId = uploaded.Body.Str("certificateId");
        Assert.StartsWith("cert-", certificateId);
        Assert.True(X500NameMatching.Matches(customerPki.Ca.Certificate.SubjectDN, uploaded.Body.Str("subject")));
        Assert.Contains(certificateId, (await http.Get("/api/certificates")).Body.GetRawText());

        var body = Api.ConnectionBody(gw, cgw, "sm-by-id");
        body["routingMode"] = "destination";
        body["localSubnets"] = new JsonArray("172.16.1.0/24");
        body["ikeConfig"] = new JsonObject { ["remoteId"] = customerPki.Ca.SubjectDn };
        body["remoteCaCertificate"] = certificateId;
        var created = await http.Post("/api/connections", body);
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        var c = await http.Get($"/api/connections/{created.Body.Str("connectionId")}");
        Assert.Equal(customerPki.Ca.CertificatePem.Trim(), c.Body.Str("remoteCaCertificate").Trim());

        // another account cannot use (or see) it
        var dave = runtime.Client("dave");
        Assert.Equal(HttpStatusCode.NotFound, (await dave.Get($"/api/certificates/{certificateId}")).Status);
        string daveGw = await dave.CreateVpnGateway(kind: "sm");
        string daveCgw = await dave.CreateCustomerGateway();
        await dave.Post($"/api/vpn-gateways/{daveGw}/certificates", new { });
        var foreign = Api.ConnectionBody(daveGw, daveCgw, "sm-foreign");
        foreign["routingMode"] = "destination";
        foreign["localSubnets"] = new JsonArray("172.16.1.0/24");
        foreign["ikeConfig"] = new JsonObject { ["remoteId"] = customerPki.Ca.SubjectDn };
        foreign["remoteCaCertificate"] = certificateId;
        var refused = await dave.Post("/api/connections", foreign);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("InvalidParameter.RemoteCaCertificate.NotFound", refused.Body.Str("code"));
        Assert.Equal("remoteCaCertificate", refused.Body.Str("field"));
    }

    [SkippableFact]
    public async Task Only_sm2_ca_certificates_are_held()
    {
        runtime.Require();
        var http = runtime.Client("carol");
        var pki = DemoCustomerPki.Create("cgw-lib", TimeProvider.System);
        var endEntity = await http.Post("/api/certificates", new { name = "not-a-ca", certificate = pki.Gateway.Signing.CertificatePem });
        Assert.Equal(HttpStatusCode.BadRequest, endEntity.Status);
        Assert.Equal("certificate", endEntity.Body.Str("field"));
        Assert.Contains("NotCa", endEntity.Body.Str("code"));
        var garbage = await http.Post("/api/certificates", new { name = "garbage", certificate = "hello" });
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        Assert.Equal("certificate", garbage.Body.Str("field"));
    }
}
