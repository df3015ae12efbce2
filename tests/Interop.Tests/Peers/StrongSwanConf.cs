using System.Globalization;

namespace Interop.Tests.Peers;

/// <summary>Writes the private strongswan.conf of one test charon (read through STRONGSWAN_CONF).</summary>
internal static class StrongSwanConf
{
    /// <summary>
    /// Plugins loaded explicitly, so nothing from /etc/strongswan.d is read. kdf provides the PRF-based KDF of
    /// IKEv2 (without it key derivation fails: "KDF_PRF ... not supported"); openssl covers DES/3DES, ECP
    /// groups and more; kernel-libipsec does ESP in userspace because this kernel has none.
    /// </summary>
    const string Plugins =
        "random nonce rdrand aesni aes sha1 sha2 md5 hmac xcbc cmac ctr ccm gcm chapoly curve25519 gmp mgf1 kdf " +
        "openssl gcrypt pem pkcs1 pkcs8 pubkey x509 revocation constraints drbg " +
        "kernel-libipsec kernel-netlink socket-default vici";

    public static string Render(StrongSwanPeerOptions options, string viciSocketPath, string logPath)
    {
        string level = options.LogLevel.ToString(CultureInfo.InvariantCulture);
        string encodingLevel = Math.Min(options.LogLevel, 1).ToString(CultureInfo.InvariantCulture);
        return $$"""
            # written by the interop test fixture for peer '{{options.Name}}'
            charon {
              port = {{options.IkePort.ToString(CultureInfo.InvariantCulture)}}
              port_nat_t = {{options.NatTraversalPort.ToString(CultureInfo.InvariantCulture)}}
              install_routes = no
              install_virtual_ip = no
              # fail fast in tests: 3 retransmits from 1 s (defaults: 5 from 4 s, i.e. minutes)
              retransmit_tries = 3
              retransmit_timeout = 1.0
              retransmit_base = 1.4
              # lets charon answer IKEv1 aggressive mode with PSK, which the product supports
              i_dont_care_about_security_and_use_aggressive_mode_psk = yes
              load = {{Plugins}}
              plugins {
                # IKE and ESP-in-UDP leave with fwmark 42, and the table-220 rule skips marked packets: without
                # this, a host-to-host CHILD_SA over a real interface routes IKE replies into the tunnel itself
                socket-default {
                  fwmark = 42
                }
                kernel-netlink {
                  fwmark = !42
                }
                kernel-libipsec {
                  # host-to-host traffic selectors equal the IKE addresses: allow routes for them
                  allow_peer_ts = yes
                }
                vici {
                  socket = unix://{{viciSocketPath}}
                }
              }
              syslog {
                daemon {
                  default = -1
                }
                auth {
                  default = -1
                }
              }
              filelog {
                peer {
                  path = {{logPath}}
                  time_format = %H:%M:%S
                  time_add_ms = yes
                  ike_name = yes
                  append = no
                  flush_line = yes
                  default = 1
                  ike = {{level}}
                  cfg = {{level}}
                  chd = {{level}}
                  knl = {{level}}
                  net = {{level}}
                  enc = {{encodingLevel}}
                  lib = 1
                }
              }
            {{options.ExtraCharonSettings}}
            }
            swanctl {
              socket = unix://{{viciSocketPath}}
            }

            """;
    }
}
