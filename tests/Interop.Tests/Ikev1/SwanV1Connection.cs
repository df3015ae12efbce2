using System.Text;
using Interop.Tests.Ikev2;

namespace Interop.Tests.Ikev1;

/// <summary>
/// One IKEv1 connection of the strongSwan peer facing our engine, rendered into swanctl.conf (<c>version = 1</c>). In
/// main mode charon, as responder, picks the pre-shared key by the peer's address before it sees its ID (RFC 2409
/// §5.4), so main mode connections use the IP addresses as identities and the secrets are keyed by them; aggressive
/// mode carries the ID in its first message and uses FQDNs.
/// </summary>
public sealed record SwanV1Connection(
    string Name,
    bool Aggressive,
    string IkeProposal,
    string EspProposal,
    string LocalTs = EngineInterop.SwanAddress + "/32",
    string RemoteTs = EngineInterop.EngineAddress + "/32",
    string Psk = EngineInterop.Psk,
    string DpdDelay = "0",
    string DpdTimeout = "150s",
    string RekeyTime = "0",
    string ChildRekeyTime = "0",
    string Extra = "",
    string ChildExtra = "")
{
    public const string SwanFqdn = "swan.v1.test";
    public const string EngineFqdn = "engine.v1.test";

    public string Child => Name + "-child";

    /// <summary>charon's identity: its address in main mode, an FQDN in aggressive mode.</summary>
    public string LocalId => Aggressive ? SwanFqdn : EngineInterop.SwanAddress;

    /// <summary>Our engine's identity as charon expects it.</summary>
    public string RemoteId => Aggressive ? EngineFqdn : EngineInterop.EngineAddress;

    /// <summary>Renders the connections and one secret per distinct identity pair and PSK.</summary>
    public static string Render(IEnumerable<SwanV1Connection> connections)
    {
        var text = new StringBuilder("connections {\n");
        var secrets = new StringBuilder("secrets {\n");
        var seen = new HashSet<(string, string, string)>();
        foreach (SwanV1Connection c in connections)
        {
            text.Append($$"""
                  {{c.Name}} {
                    version = 1
                    aggressive = {{(c.Aggressive ? "yes" : "no")}}
                    local_addrs = {{EngineInterop.SwanAddress}}
                    remote_addrs = {{EngineInterop.EngineAddress}}
                    remote_port = {{EngineInterop.EngineIkePort}}
                    proposals = {{c.IkeProposal}}
                    dpd_delay = {{c.DpdDelay}}
                    dpd_timeout = {{c.DpdTimeout}}
                    rekey_time = {{c.RekeyTime}}
                    {{c.Extra}}
                    local {
                      auth = psk
                      id = {{c.LocalId}}
                    }
                    remote {
                      auth = psk
                      id = {{c.RemoteId}}
                    }
                    children {
                      {{c.Child}} {
                        esp_proposals = {{c.EspProposal}}
                        local_ts = {{c.LocalTs}}
                        remote_ts = {{c.RemoteTs}}
                        mode = tunnel
                        rekey_time = {{c.ChildRekeyTime}}
                        start_action = none
                        {{c.ChildExtra}}
                      }
                    }
                  }

                """);
            if (seen.Add((c.LocalId, c.RemoteId, c.Psk)))
            {
                secrets.Append($$"""
                      ike-{{seen.Count}} {
                        id-local = {{c.LocalId}}
                        id-remote = {{c.RemoteId}}
                        secret = "{{c.Psk}}"
                      }

                    """);
            }
        }

        return text.Append("}\n").Append(secrets).Append("}\n").ToString();
    }
}
