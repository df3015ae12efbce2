using System.Net.Sockets;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Fixtures;

/// <summary>
/// The Azurite instance the tests use: tools/test.sh starts one on its own ports and exports IPSEC_TEST_STORAGE.
/// The tests never fall back to a developer's Azurite on the default ports: a running local runtime consumes the same
/// queues there and would take the tests' messages. Without it they skip with a message, except in CI (CI=true),
/// where a missing Azurite is a failure, not a skip.
/// </summary>
public static class TestStorage
{
    public static string ConnectionString => Environment.GetEnvironmentVariable("IPSEC_TEST_STORAGE") ?? "";

    public static void RequireAzurite()
    {
        if (IsAvailable()) return;
        const string message = "no test Azurite: run tools/test.sh (it starts one on its own ports and sets IPSEC_TEST_STORAGE)";
        if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(message);
        throw new SkipException(message);
    }

    public static bool IsAvailable()
    {
        var table = ConnectionString.Split(';').FirstOrDefault(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal));
        if (table is null) return false;
        try { using var c = new TcpClient(); c.Connect("127.0.0.1", new Uri(table["TableEndpoint=".Length..]).Port); return true; }
        catch (SocketException) { return false; }
    }
}
