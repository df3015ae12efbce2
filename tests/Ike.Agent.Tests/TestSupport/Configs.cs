namespace Ike.Agent.Tests.TestSupport;

/// <summary>Configuration texts the tests share. <see cref="Full"/> sets every field, one per line, so the line
/// numbers in the error table are those of this text.</summary>
internal static class Configs
{
    public const string Psk = "lab-psk-0123456789abcdef";

    public const string Full = """
        {
          "listen": [
            { "address": "127.0.0.1", "ikePort": 15500, "natPort": 14500 }
          ],
          "controlSocket": "/run/ipsec-agent/test.sock",
          "connections": [
            {
              "name": "idc",
              "remoteAddress": "127.0.0.2",
              "remotePort": 25500,
              "localSubnets": ["10.0.0.0/24"],
              "remoteSubnets": ["10.1.0.0/24", "10.2.0.0/16"],
              "psk": "lab-psk-0123456789abcdef",
              "ikeConfig": {
                "ikeVersion": "ikev2",
                "ikeEncAlg": "aes256",
                "ikeAuthAlg": "sha256",
                "ikePfs": "group14",
                "ikeLifetime": 3600,
                "localId": "peer-a.lab.test",
                "remoteId": "peer-b.lab.test"
              },
              "ipsecConfig": {
                "ipsecEncAlg": "aes",
                "ipsecAuthAlg": "sha1",
                "ipsecPfs": "disabled",
                "ipsecLifetime": 1800
              },
              "enableDpd": true,
              "dpdInterval": 5,
              "dpdTimeout": 20,
              "enableNatTraversal": false,
              "effectImmediately": true
            }
          ]
        }
        """;

    /// <summary>The least a connection needs; everything else takes the API's defaults.</summary>
    public static string Minimal(params string[] names) => $$"""
        {
          "listen": [ { "address": "127.0.0.1" } ],
          "connections": [
            {{string.Join(",\n    ", names.Select(Connection))}}
          ]
        }
        """;

    public static string Connection(string name) => $$"""
        { "name": "{{name}}", "remoteAddress": "127.0.0.2", "localSubnets": ["10.0.0.0/24"], "remoteSubnets": ["10.1.0.0/24"], "psk": "{{Psk}}" }
        """;
}
