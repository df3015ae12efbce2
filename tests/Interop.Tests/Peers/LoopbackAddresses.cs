using System.Net;
using System.Net.Sockets;

namespace Interop.Tests.Peers;

/// <summary>
/// Extra 127.0.0.x/32 addresses on lo for IKE peers, and their removal (only of what this instance added).
/// They get <c>scope global</c>: ip gives 127.x addresses scope host, charon ignores host- and link-scoped
/// addresses (127.0.0.1 alone is special-cased), and kernel-libipsec then finds no local address inside the
/// local traffic selector, so the CHILD_SA fails ("no local address found in traffic selector").
/// </summary>
public sealed class LoopbackAddresses : IAsyncDisposable
{
    readonly List<IPAddress> added = [];

    LoopbackAddresses() { }

    /// <summary>Addresses this instance added (those that were already there with scope global are left alone).</summary>
    public IReadOnlyList<IPAddress> Added => added;

    /// <summary>Adds each address (127.0.0.0/8 only) to lo with scope global unless it is there already.</summary>
    public static async Task<LoopbackAddresses> AddAsync(params string[] addresses)
    {
        IPAddress[] parsed = [.. addresses.Select(ParseLoopback)];
        // sweeps first: an address a crashed run recorded must not be mistaken for one somebody else owns
        await InteropHostState.GetOwnerDirectoryAsync();
        var result = new LoopbackAddresses();
        try
        {
            foreach (IPAddress address in parsed) await result.AddOneAsync(address);
        }
        catch
        {
            await result.DisposeAsync();
            throw;
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        // newest first; every address is attempted even when one removal fails
        List<Exception> failures = [];
        for (int i = added.Count - 1; i >= 0; i--)
        {
            try
            {
                await RemoveIfGlobalAsync(added[i].ToString());
                await InteropHostState.ForgetLoopbackAddressAsync(added[i].ToString());
                added.RemoveAt(i);
            }
            catch (Exception e) { failures.Add(e); }
        }
        if (failures.Count > 0) throw new AggregateException("could not remove loopback addresses", failures);
    }

    async Task AddOneAsync(IPAddress address)
    {
        string text = address.ToString();
        switch (await FindOnLoopbackAsync(text))
        {
            case AddressScope.Global:
                return;
            case AddressScope.Other:
                throw new InvalidOperationException(
                    $"{text}/32 is on lo with a scope other than global; charon would ignore it. Remove it first: ip addr del {text}/32 dev lo");
        }
        // recorded before it exists, so that even a crash right after the add leaves a trace for the next sweep
        await InteropHostState.RecordLoopbackAddressAsync(text);
        CommandResult result = await ExternalCommand.RunAsync(
            HostTools.Require("ip"), ["addr", "add", $"{text}/32", "dev", "lo", "scope", "global"], TimeSpan.FromSeconds(10));
        if (!result.Succeeded)
        {
            await InteropHostState.ForgetLoopbackAddressAsync(text);
            throw new InvalidOperationException($"could not add {text} to lo:\n{result}");
        }
        added.Add(address);
    }

    /// <summary>Removes ADDRESS/32 from lo when it is there with scope global (the way this class adds it).</summary>
    internal static async Task RemoveIfGlobalAsync(string address)
    {
        if (await FindOnLoopbackAsync(address) != AddressScope.Global) return;
        await ExternalCommand.RunCheckedAsync(
            HostTools.Require("ip"), ["addr", "del", $"{address}/32", "dev", "lo"], TimeSpan.FromSeconds(10));
    }

    enum AddressScope { Absent, Global, Other }

    static async Task<AddressScope> FindOnLoopbackAsync(string address)
    {
        CommandResult shown = await ExternalCommand.RunCheckedAsync(
            HostTools.Require("ip"), ["-4", "-o", "addr", "show", "dev", "lo"], TimeSpan.FromSeconds(10));
        // one line per address: "1: lo    inet 127.0.0.2/32 scope global lo\ ..."
        foreach (string line in shown.StandardOutput.Split('\n'))
        {
            string[] words = line.Split([' ', '\t', '\\'], StringSplitOptions.RemoveEmptyEntries);
            int inet = Array.IndexOf(words, "inet");
            if (inet < 0 || inet + 1 >= words.Length || words[inet + 1] != $"{address}/32") continue;
            int scope = Array.IndexOf(words, "scope");
            return scope >= 0 && scope + 1 < words.Length && words[scope + 1] == "global" ? AddressScope.Global : AddressScope.Other;
        }
        return AddressScope.Absent;
    }

    static IPAddress ParseLoopback(string text)
    {
        // only loopback: these tests never put an address on the host that could route anywhere
        if (!IPAddress.TryParse(text, out IPAddress? address) || address.AddressFamily != AddressFamily.InterNetwork
            || !IPAddress.IsLoopback(address))
            throw new ArgumentException($"'{text}' is not an IPv4 loopback address (127.0.0.0/8)", nameof(text));
        return address;
    }
}
