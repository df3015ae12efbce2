namespace Ipsec.LocalRuntime.Demo;

/// <summary>Who plays the customer gateway: a real strongSwan charon, or our own engine.</summary>
enum DemoPeerKind { StrongSwan, Engine }

static class DemoPeerKinds
{
    public static string ApiName(DemoPeerKind kind) => kind == DemoPeerKind.StrongSwan ? "strongswan" : "engine";

    /// <summary>The <c>?peer=</c> query value: absent (null kind, the host decides), or strongswan | engine.</summary>
    public static bool TryParse(string? text, out DemoPeerKind? kind)
    {
        kind = text switch { null or "" => null, "strongswan" => DemoPeerKind.StrongSwan, "engine" => DemoPeerKind.Engine, _ => (DemoPeerKind?)null };
        return kind is not null || string.IsNullOrEmpty(text);
    }
}
