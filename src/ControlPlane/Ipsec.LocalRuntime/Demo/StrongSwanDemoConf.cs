using System.Globalization;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// The private strongswan.conf of a demo charon (read through STRONGSWAN_CONF, so nothing of /etc/strongswan.d applies).
/// </summary>
static class StrongSwanDemoConf
{
    /// <summary>Loaded explicitly: kdf derives IKEv2 keys, openssl brings DES/3DES and MODP groups, kernel-libipsec is
    /// userspace ESP (this kernel has none), vici is how swanctl talks to this charon.</summary>
    const string Plugins = "random nonce aes sha1 sha2 md5 hmac gmp kdf openssl pem pkcs1 x509 pubkey " +
        "kernel-libipsec kernel-netlink socket-default vici";

    public static string Render(int ikePort, int natPort, string viciSocket, string logPath) => $$"""
        # the local runtime's demo customer gateway (see src/ControlPlane/Ipsec.LocalRuntime/Demo)
        charon {
          port = {{ikePort.ToString(CultureInfo.InvariantCulture)}}
          port_nat_t = {{natPort.ToString(CultureInfo.InvariantCulture)}}
          # no routes and no policy routing rule: the demo shows negotiation and DPD, not this host's routing, and a
          # SIGKILLed charon (the demo's "peer stops") would leave its rule 220 behind
          install_routes = no
          install_virtual_ip = no
          routing_table = 0
          # the product offers IKEv1 aggressive mode with PSK; charon answers it only when told so
          i_dont_care_about_security_and_use_aggressive_mode_psk = yes
          load = {{Plugins}}
          plugins {
            kernel-libipsec {
              allow_peer_ts = yes
            }
            vici {
              socket = unix://{{viciSocket}}
            }
          }
          syslog {
            daemon {
              default = -1
            }
          }
          filelog {
            demo {
              path = {{logPath}}
              time_format = %H:%M:%S
              ike_name = yes
              flush_line = yes
              default = 1
              ike = 2
              cfg = 2
            }
          }
        }
        swanctl {
          socket = unix://{{viciSocket}}
        }

        """;
}
