using System.Text;

namespace Interop.Tests.Ikev2;

/// <summary>
/// One connection of the strongSwan peer facing our engine, rendered into swanctl.conf. Several render into one file so
/// one charon serves a whole test class (the algorithm matrix loads 100 of them at once and picks them by name).
/// </summary>
public sealed record SwanConnection(
    string Name,
    string IkeProposal,
    string EspProposal,
    string LocalTs,
    string RemoteTs,
    string LocalId = EngineInterop.SwanId,
    string RemoteId = EngineInterop.EngineId,
    string Psk = EngineInterop.Psk,
    string DpdDelay = "0",
    string RekeyTime = "0",
    string ChildRekeyTime = "0",
    string Extra = "",
    string ChildExtra = "")
{
    public string Child => Name + "-child";

    /// <summary>Renders the connections and one secret per distinct PSK/identity pair.</summary>
    public static string Render(IEnumerable<SwanConnection> connections)
    {
        var text = new StringBuilder("connections {\n");
        var secrets = new StringBuilder("secrets {\n");
        int secret = 0;
        var seen = new HashSet<(string, string, string)>();
        foreach (SwanConnection c in connections)
        {
            text.Append($$"""
                  {{c.Name}} {
                    version = 2
                    local_addrs = {{EngineInterop.SwanAddress}}
                    remote_addrs = {{EngineInterop.EngineAddress}}
                    remote_port = {{EngineInterop.EngineIkePort}}
                    proposals = {{c.IkeProposal}}
                    dpd_delay = {{c.DpdDelay}}
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
                      ike-{{secret++}} {
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
