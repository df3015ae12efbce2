using System.Globalization;
using System.Net;
using Interop.Tests.Peers;

namespace Interop.Tests.Esp;

/// <summary>
/// A network namespace joined to the host namespace by a veth pair (ikepeers' <c>netns.sh hostpair</c>): the host end
/// gets 198.18.N.1/24, the namespace end 198.18.N.2/24, and the namespace's lo gets <see cref="InnerHost"/>/32 with
/// scope global, an address "behind" the peer that only the namespace's kernel owns. 198.18.0.0/15 is the RFC 2544
/// benchmark range: it exists only on these two interfaces and routes nowhere else.
/// <para>
/// Names carry the test process's pid (<c>ifesp-PID</c>, veth <c>ifespPID</c>), so a namespace whose creator died is
/// recognised and deleted by the next run; deleting the namespace deletes both veth ends. N comes from the pid too, so
/// two test processes on one machine do not share addresses.
/// </para>
/// </summary>
public sealed class HostPairNamespace : IAsyncDisposable
{
    const string NamePrefix = "ifesp-";
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    HostPairNamespace(string name, string hostInterface, int subnet)
    {
        Name = name;
        HostInterface = hostInterface;
        HostAddress = IPAddress.Parse($"198.18.{subnet}.1");
        NamespaceAddress = IPAddress.Parse($"198.18.{subnet}.2");
    }

    public string Name { get; }

    /// <summary>The veth end in the host namespace.</summary>
    public string HostInterface { get; }

    /// <summary>Our end: the engine under test binds here.</summary>
    public IPAddress HostAddress { get; }

    /// <summary>The peer's end inside the namespace.</summary>
    public IPAddress NamespaceAddress { get; }

    /// <summary>The address on the peer's side of the tunnel that the probes ping (on the namespace's lo).</summary>
    public static IPAddress InnerHost { get; } = IPAddress.Parse("198.19.2.1");

    /// <summary>The subnet around <see cref="InnerHost"/>: the peer's traffic selector.</summary>
    public const string InnerSubnet = "198.19.2.0/24";

    public static async Task<HostPairNamespace> CreateAsync()
    {
        await DeleteOrphansAsync();
        int pid = Environment.ProcessId;
        var lab = new HostPairNamespace(NamePrefix + pid.ToString(CultureInfo.InvariantCulture),
            "ifesp" + (pid % 1_000_000).ToString(CultureInfo.InvariantCulture), 100 + (pid % 100));
        try
        {
            await lab.BuildAsync();
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command inside the namespace.</summary>
    public Task<CommandResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout) =>
        ExternalCommand.RunAsync(HostTools.Require("ip"), ["netns", "exec", Name, .. command], timeout);

    /// <summary>Deletes the namespace (and with it both veth ends). Stop every process inside it first.</summary>
    public async ValueTask DisposeAsync() => await Ip("netns", "del", Name).ConfigureAwait(false);

    async Task BuildAsync()
    {
        string ns = Name;
        await IpChecked("netns", "add", ns);
        await IpChecked("-n", ns, "link", "set", "lo", "up");
        await IpChecked("link", "add", HostInterface, "type", "veth", "peer", "name", "ike0", "netns", ns);
        await IpChecked("addr", "add", $"{HostAddress}/24", "dev", HostInterface);
        await IpChecked("-n", ns, "addr", "add", $"{NamespaceAddress}/24", "dev", "ike0");
        // scope global: charon ignores host-scoped addresses, and kernel-libipsec needs one inside its local selector
        await IpChecked("-n", ns, "addr", "add", $"{InnerHost}/32", "dev", "lo", "scope", "global");
        await IpChecked("link", "set", HostInterface, "up");
        await IpChecked("-n", ns, "link", "set", "ike0", "up");
    }

    /// <summary>Namespaces of this fixture whose test process is gone (a crashed or killed run).</summary>
    static async Task DeleteOrphansAsync()
    {
        CommandResult list = await Ip("netns", "list");
        foreach (string line in list.StandardOutput.Split('\n'))
        {
            string name = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (name.StartsWith(NamePrefix, StringComparison.Ordinal)
                && int.TryParse(name[NamePrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int owner)
                && owner != Environment.ProcessId && !LinuxProcess.IsRunning(owner))
            {
                await Ip("netns", "del", name);
            }
        }
    }

    static Task<CommandResult> Ip(params string[] arguments) =>
        ExternalCommand.RunAsync(HostTools.Require("ip"), arguments, CommandTimeout);

    static Task<CommandResult> IpChecked(params string[] arguments) =>
        ExternalCommand.RunCheckedAsync(HostTools.Require("ip"), arguments, CommandTimeout);
}
