using Interop.Tests.Peers;
using Xunit;

namespace Interop.Tests;

/// <summary>The parser against output captured from strongSwan 5.9.8 (swanctl --list-sas --pretty), and broken variants.</summary>
public sealed class SwanctlSaListParserTests
{
    // peer a (initiator) of the ikev2-psk pair, right after swanctl --initiate --child v2psk-child
    const string EstablishedInitiator = """
        list-sa event {
          v2psk {
            uniqueid = 1
            version = 2
            state = ESTABLISHED
            local-host = 127.0.0.1
            local-port = 14500
            local-id = peer-a.lab.test
            remote-host = 127.0.0.2
            remote-port = 25500
            remote-id = peer-b.lab.test
            initiator = yes
            initiator-spi = 4e3dfa0160f1657d
            responder-spi = 4e684ddce04dd760
            nat-remote = yes
            nat-any = yes
            encr-alg = AES_CBC
            encr-keysize = 256
            integ-alg = HMAC_SHA2_256_128
            prf-alg = PRF_HMAC_SHA2_256
            dh-group = MODP_2048
            established = 0
            rekey-time = 14367
            child-sas {
              v2psk-child-1 {
                name = v2psk-child
                uniqueid = 1
                reqid = 1
                state = INSTALLED
                mode = TUNNEL
                protocol = ESP
                encap = yes
                spi-in = c00d170c
                spi-out = 6d04b1ca
                encr-alg = AES_CBC
                encr-keysize = 128
                integ-alg = HMAC_SHA2_256_128
                bytes-in = 0
                packets-in = 0
                bytes-out = 0
                packets-out = 0
                rekey-time = 3266
                life-time = 3960
                install-time = 0
                local-ts = [
                  127.0.0.1/32
                ]
                remote-ts = [
                  127.0.0.2/32
                ]
              }
            }
          }
        }
        list-sas reply {
        }
        """;

    // the responder while IKE_SA_INIT is answered but IKE_AUTH has not arrived: no name, no identities yet
    const string ConnectingResponder = """
        list-sa event {
          (unnamed) {
            uniqueid = 1
            version = 2
            state = CONNECTING
            local-host = 127.0.0.2
            local-port = 25500
            local-id = %any
            remote-host = 127.0.0.1
            remote-port = 15500
            remote-id = %any
            initiator-spi = 46aeb30e4c26f4c7
            responder-spi = b19bd78fef0647aa
            encr-alg = AES_CBC
            encr-keysize = 256
            tasks-passive = [
              IKE_INIT
              IKE_AUTH
              CHILD_CREATE
            ]
            child-sas {
            }
          }
        }
        list-sas reply {
        }
        """;

    [Fact]
    public void Parse_EstablishedSa_ReadsIkeSaAndChildSa()
    {
        IkeSaInfo sa = Assert.Single(SwanctlSaListParser.Parse(EstablishedInitiator));

        Assert.Equal("v2psk", sa.Name);
        Assert.Equal(1u, sa.UniqueId);
        Assert.Equal(2, sa.Version);
        Assert.True(sa.IsEstablished);
        Assert.Equal(("127.0.0.1", 14500, "peer-a.lab.test"), (sa.LocalHost, sa.LocalPort, sa.LocalId));
        Assert.Equal(("127.0.0.2", 25500, "peer-b.lab.test"), (sa.RemoteHost, sa.RemotePort, sa.RemoteId));
        Assert.True(sa.IsInitiator);
        Assert.Equal(("4e3dfa0160f1657d", "4e684ddce04dd760"), (sa.InitiatorSpi, sa.ResponderSpi));
        Assert.Equal(("AES_CBC", 256), (sa.EncryptionAlgorithm, sa.EncryptionKeySize));
        Assert.Equal(("HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256", "MODP_2048"), (sa.IntegrityAlgorithm, sa.PrfAlgorithm, sa.DhGroup));

        ChildSaInfo child = Assert.Single(sa.ChildSas);
        Assert.Equal("v2psk-child", child.Name);
        Assert.True(child.IsInstalled);
        Assert.Equal(("TUNNEL", "ESP", true), (child.Mode, child.Protocol, child.UdpEncapsulated));
        Assert.Equal(("c00d170c", "6d04b1ca"), (child.SpiIn, child.SpiOut));
        Assert.Equal(("AES_CBC", 128, "HMAC_SHA2_256_128"), (child.EncryptionAlgorithm, child.EncryptionKeySize, child.IntegrityAlgorithm));
        Assert.Null(child.DhGroup);
        Assert.Equal(["127.0.0.1/32"], child.LocalTrafficSelectors);
        Assert.Equal(["127.0.0.2/32"], child.RemoteTrafficSelectors);
    }

    [Fact]
    public void Parse_HalfOpenResponderSa_IsConnectingWithoutChildren()
    {
        IkeSaInfo sa = Assert.Single(SwanctlSaListParser.Parse(ConnectingResponder));

        Assert.Equal("(unnamed)", sa.Name);
        Assert.Equal("CONNECTING", sa.State);
        Assert.False(sa.IsEstablished);
        Assert.False(sa.IsInitiator);
        Assert.Null(sa.DhGroup);
        Assert.Empty(sa.ChildSas);
    }

    [Fact]
    public void Parse_NoSas_IsEmpty() =>
        Assert.Empty(SwanctlSaListParser.Parse("list-sas reply {\n}\n"));

    [Fact]
    public void Parse_SeveralEvents_ReturnsEverySa()
    {
        string two = EstablishedInitiator.Replace("list-sas reply {\n}", ConnectingResponder, StringComparison.Ordinal);

        IReadOnlyList<IkeSaInfo> sas = SwanctlSaListParser.Parse(two);

        Assert.Equal(["v2psk", "(unnamed)"], sas.Select(s => s.Name));
    }

    [Fact]
    public void Parse_IdentityWithSpaces_KeepsTheWholeValue()
    {
        // strongSwan prints DNs with ", " between RDNs; sm gateways identify peers by DN
        string withDn = EstablishedInitiator.Replace("remote-id = peer-b.lab.test", "remote-id = C=CN, O=example, OU=net, CN=idc", StringComparison.Ordinal);

        IkeSaInfo sa = Assert.Single(SwanctlSaListParser.Parse(withDn));

        Assert.Equal("C=CN, O=example, OU=net, CN=idc", sa.RemoteId);
    }

    public static TheoryData<string, string, int> Malformed => new()
    {
        { "unclosed section", "list-sa event {\n  v2psk {\n    uniqueid = 1\n", 2 },
        { "stray close", "}\n", 1 },
        { "unclosed list", "list-sa event {\n  v2psk {\n    local-ts = [\n      127.0.0.1/32\n", 3 },
        { "not a vici line", "list-sa event {\nconnecting to 'unix:///x' failed\n}\n", 2 },
        { "missing state", "list-sa event {\n  v2psk {\n    uniqueid = 1\n    version = 2\n  }\n}\n", 2 },
        { "non-numeric port", "list-sa event {\n  v2psk {\n    uniqueid = 1\n    version = 2\n    state = ESTABLISHED\n    local-port = abc\n  }\n}\n", 2 },
        { "negative unique id", "list-sa event {\n  v2psk {\n    uniqueid = -1\n    version = 2\n    state = ESTABLISHED\n  }\n}\n", 2 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_MalformedOutput_ThrowsFormatErrorWithLine(string reason, string text, int line)
    {
        var error = Assert.Throws<SwanctlOutputFormatException>(() => SwanctlSaListParser.Parse(text));

        Assert.True(error.LineNumber == line, $"{reason}: reported line {error.LineNumber} ({error.Reason}), expected {line}");
    }
}
