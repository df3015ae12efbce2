namespace Interop.Tests;

/// <summary>
/// swanctl.conf for one side of an IKEv2 PSK host-to-host connection (the shape of the reference
/// conf/ikev2-psk pair): RFC 8247 "MUST"-level algorithms, FQDN identities, start_action = none so nothing
/// negotiates until a test says so.
/// </summary>
internal static class Ikev2PskConfig
{
    public const string Connection = "v2psk";
    public const string Child = "v2psk-child";

    public static string Render(string localAddress, string remoteAddress, int remoteIkePort, string localId, string remoteId, string psk) => $$"""
        connections {
          {{Connection}} {
            version = 2
            local_addrs = {{localAddress}}
            remote_addrs = {{remoteAddress}}
            # the peer's charon.port: with two charons on one host neither can use 500
            remote_port = {{remoteIkePort}}
            proposals = aes256-sha256-modp2048
            dpd_delay = 0
            local {
              auth = psk
              id = {{localId}}
            }
            remote {
              auth = psk
              id = {{remoteId}}
            }
            children {
              {{Child}} {
                # local_ts / remote_ts default to the IKE addresses (host-to-host)
                esp_proposals = aes128-sha256-modp2048
                mode = tunnel
                start_action = none
              }
            }
          }
        }
        secrets {
          ike-{{Connection}} {
            id-local = {{localId}}
            id-remote = {{remoteId}}
            secret = "{{psk}}"
          }
        }

        """;
}
