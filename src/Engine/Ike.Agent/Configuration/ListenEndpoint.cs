using System.Net;

namespace Ike.Agent.Configuration;

/// <summary>
/// One local address the agent serves IKE on: <see cref="IkePort"/> for IKE_SA_INIT (500 by default, RFC 7296 §2) and
/// <see cref="NatPort"/> where NAT traversal moves the SA (4500 by default, RFC 3948 §1/RFC 7296 §2.23).
/// </summary>
public sealed record ListenEndpoint(IPAddress Address, int IkePort, int NatPort)
{
    public const int DefaultIkePort = 500;
    public const int DefaultNatPort = 4500;

    public IPEndPoint Ike => new(Address, IkePort);

    public IPEndPoint Nat => new(Address, NatPort);

    public override string ToString() => $"{Address}[{IkePort}/{NatPort}]";
}
