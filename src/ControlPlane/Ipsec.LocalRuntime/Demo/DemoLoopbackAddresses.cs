using System.Net;

namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// Addresses the demo customer gateway needs on lo: its own, and (for charon) one inside each of its local subnets.
/// They need <c>scope global</c>: ip gives added 127.x addresses scope host, charon ignores host-scoped addresses
/// (127.0.0.1 alone is special-cased), and its userspace ESP then finds no local address inside the CHILD SA's local
/// traffic selector. Only addresses this runtime added are removed again, when the runtime stops.
/// </summary>
sealed class DemoLoopbackAddresses
{
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    readonly SemaphoreSlim gate = new(1, 1);
    readonly List<string> added = [];

    /// <summary>Adds ADDRESS/32 (IPv4 loopback only: the demo never gives this host an address that routes anywhere) to
    /// lo with scope global unless it is there already; throws with the reason otherwise.</summary>
    public async Task EnsureAsync(string address, CancellationToken ct)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || !IPAddress.IsLoopback(ip))
            throw new DemoPeerException($"{address} is not an IPv4 loopback address; the demo adds only those to this host");
        await gate.WaitAsync(ct);
        try
        {
            switch (await ScopeAsync(address, ct))
            {
                case "global": return;
                case string other:
                    throw new DemoPeerException($"{address}/32 is on lo with scope {other}; charon ignores such addresses. " +
                        $"Replace it: ip addr del {address}/32 dev lo && ip addr add {address}/32 dev lo scope global");
            }
            var result = await Ip(["addr", "add", $"{address}/32", "dev", "lo", "scope", "global"], ct);
            if (!result.Succeeded)
                throw new DemoPeerException($"could not add {address}/32 to lo (scope global; needs root): {result}. " +
                    $"Add it by hand: ip addr add {address}/32 dev lo scope global");
            added.Add(address);
        }
        finally { gate.Release(); }
    }

    /// <summary>Removes the addresses this runtime added, newest first.</summary>
    public async Task RemoveAddedAsync()
    {
        await gate.WaitAsync();
        try
        {
            for (int i = added.Count - 1; i >= 0; i--)
                await Ip(["addr", "del", $"{added[i]}/32", "dev", "lo"], CancellationToken.None);
            added.Clear();
        }
        finally { gate.Release(); }
    }

    /// <summary>The scope of ADDRESS/32 on lo, or null when it is not there.</summary>
    static async Task<string?> ScopeAsync(string address, CancellationToken ct)
    {
        var shown = await Ip(["-4", "-o", "addr", "show", "dev", "lo"], ct);
        if (!shown.Succeeded) throw new DemoPeerException($"ip addr show failed: {shown}");
        // one line per address: "1: lo    inet 127.0.0.2/32 scope global lo\ ..."
        foreach (string line in shown.Output.Split('\n'))
        {
            string[] words = line.Split([' ', '\t', '\\'], StringSplitOptions.RemoveEmptyEntries);
            int inet = Array.IndexOf(words, "inet");
            if (inet < 0 || inet + 1 >= words.Length || words[inet + 1] != $"{address}/32") continue;
            int scope = Array.IndexOf(words, "scope");
            return scope >= 0 && scope + 1 < words.Length ? words[scope + 1] : "unknown";
        }
        return null;
    }

    static Task<DemoCommandResult> Ip(IReadOnlyList<string> arguments, CancellationToken ct) =>
        DemoCommand.RunAsync(DemoHostTools.Find("ip") ?? throw new DemoPeerException("the ip command (iproute2) is not installed"),
            arguments, CommandTimeout, ct: ct);
}
