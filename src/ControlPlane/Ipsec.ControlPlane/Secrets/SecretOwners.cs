namespace Ipsec.ControlPlane.Secrets;

/// <summary>The associated data a secret is bound to (see <see cref="SecretProtector"/>).</summary>
public static class SecretOwners
{
    public static string Connection(string accountId, string connectionId) => $"psk|{accountId}|{connectionId}";
}
