using System.Net.Sockets;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Fixtures;

/// <summary>
/// The Azurite instance the tests use: tools/test.sh starts one on its own ports and exports IPSEC_TEST_STORAGE.
/// Without it the tests look for a developer's Azurite on the default ports; if there is none they skip with a message,
/// except in CI (CI=true), where a missing Azurite is a failure, not a skip.
/// </summary>
public static class TestStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("IPSEC_TEST_STORAGE") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";

    public static void RequireAzurite()
    {
        if (IsAvailable()) return;
        const string message = "Azurite is not running: run tools/test.sh (it starts one) or tools/azurite.sh start <dir> 10000";
        if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(message);
        throw new SkipException(message);
    }

    public static bool IsAvailable()
    {
        int port = 10002;
        if (Environment.GetEnvironmentVariable("IPSEC_TEST_STORAGE") is { Length: > 0 } s)
        {
            var table = s.Split(';').FirstOrDefault(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal));
            if (table is not null) port = new Uri(table["TableEndpoint=".Length..]).Port;
        }
        try { using var c = new TcpClient(); c.Connect("127.0.0.1", port); return true; }
        catch (SocketException) { return false; }
    }
}
