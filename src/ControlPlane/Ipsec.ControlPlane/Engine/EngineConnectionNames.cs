namespace Ipsec.ControlPlane.Engine;

/// <summary>The engine names a connection "{accountId}/{connectionId}" so its events lead back to the right partition.</summary>
public static class EngineConnectionNames
{
    public static string Of(string accountId, string connectionId) => $"{accountId}/{connectionId}";

    public static bool TryParse(string name, out string accountId, out string connectionId)
    {
        int slash = name.IndexOf('/');
        accountId = slash > 0 ? name[..slash] : "";
        connectionId = slash > 0 ? name[(slash + 1)..] : "";
        return slash > 0 && slash < name.Length - 1;
    }
}
