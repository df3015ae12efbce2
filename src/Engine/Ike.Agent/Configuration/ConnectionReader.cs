using System.Net;
using System.Text.Json;
using Ike.Engine.Api;
using Ipsec.Domain;
using EngineCatalog = Ipsec.Crypto.Algorithms.AlgorithmCatalog;

namespace Ike.Agent.Configuration;

/// <summary>
/// Reads one entry of <c>connections</c> into the engine's <see cref="ConnectionConfig"/>. The fields and defaults are
/// the connection API's (PRODUCT.md §3): <c>name</c>, <c>localSubnets</c>, <c>remoteSubnets</c>, <c>psk</c>,
/// <c>ikeConfig</c> {<c>ikeVersion</c>, <c>ikeMode</c>, <c>ikeEncAlg</c>, <c>ikeAuthAlg</c>, <c>ikePfs</c>,
/// <c>ikeLifetime</c>, <c>localId</c>, <c>remoteId</c>}, <c>ipsecConfig</c> {<c>ipsecEncAlg</c>, <c>ipsecAuthAlg</c>,
/// <c>ipsecPfs</c>, <c>ipsecLifetime</c>}, <c>enableDpd</c>, <c>enableNatTraversal</c>, <c>effectImmediately</c>.
/// Only the agent needs: <c>localAddress</c> / <c>localPort</c> (which listen endpoint; default: the only one),
/// <c>remoteAddress</c> / <c>remotePort</c> (the peer; port 500 by default), <c>dpdInterval</c> / <c>dpdTimeout</c>
/// (seconds, 10 and 30 by default).
/// </summary>
internal sealed class ConnectionReader(IReadOnlyList<ListenEndpoint> listen, SecretReader secrets, List<string> warnings)
{
    public const int DefaultRemotePort = 500;
    public const int DefaultDpdInterval = 10;
    public const int DefaultDpdTimeout = 30;

    /// <summary>A DPD check more than an hour apart no longer detects anything in time; a timeout above a day is a typo.</summary>
    public const int MaxDpdInterval = 3600;
    public const int MaxDpdTimeout = 86400;

    public ConnectionConfig? Read(ConfigObject c)
    {
        int errorsBefore = c.ErrorCount;
        string? name = c.String("name", required: true);
        if (name is not null && !NameRule.IsValid(name))
        {
            c.Error("name", $"must be {NameRule.Description}");
            name = null;
        }
        string label = name ?? c.Path;

        var localEndpoint = ReadLocalEndpoint(c);
        var remoteAddress = AgentConfigReader.ReadAddress(c, "remoteAddress", required: true, "the peer's address");
        int remotePort = c.Integer("remotePort", 1, 65535) ?? DefaultRemotePort;
        var localSubnets = ReadSubnets(c, "localSubnets");
        var remoteSubnets = ReadSubnets(c, "remoteSubnets");

        var ike = c.Object("ikeConfig") ?? c.OpenItem(EmptyObject, c.FieldPath("ikeConfig"))!;
        string version = ike.String("ikeVersion") ?? "ikev2";
        string mode = ike.String("ikeMode") ?? "main";
        var ikeProposal = new IkeProposalConfig(
            Encryption(ike, "ikeEncAlg", label), Integrity(ike, "ikeAuthAlg", label), DhGroup(ike, "ikePfs", label, allowDisabled: false)!);
        int ikeLifetime = ike.Integer("ikeLifetime", 1, ConnectionLimits.MaxLifetime, " seconds") ?? ConnectionDefaults.Lifetime;
        string? localId = ReadIdentity(ike, "localId");
        string? remoteId = ReadIdentity(ike, "remoteId");
        ike.RejectUnknownFields();

        var ipsec = c.Object("ipsecConfig") ?? c.OpenItem(EmptyObject, c.FieldPath("ipsecConfig"))!;
        var childProposal = new ChildProposalConfig(
            Encryption(ipsec, "ipsecEncAlg", label), Integrity(ipsec, "ipsecAuthAlg", label), DhGroup(ipsec, "ipsecPfs", label, allowDisabled: true));
        int ipsecLifetime = ipsec.Integer("ipsecLifetime", 1, ConnectionLimits.MaxLifetime, " seconds") ?? ConnectionDefaults.Lifetime;
        ipsec.RejectUnknownFields();

        bool enableDpd = c.Boolean("enableDpd") ?? ConnectionDefaults.EnableDpd;
        int dpdInterval = c.Integer("dpdInterval", 1, MaxDpdInterval, " seconds") ?? DefaultDpdInterval;
        int dpdTimeout = c.Integer("dpdTimeout", 1, MaxDpdTimeout, " seconds") ?? DefaultDpdTimeout;
        bool natTraversal = c.Boolean("enableNatTraversal") ?? ConnectionDefaults.EnableNatTraversal;
        bool effectImmediately = c.Boolean("effectImmediately") ?? ConnectionDefaults.EffectImmediately;

        var protocol = Protocol(ike, version, mode);
        // Several subnets per side need several traffic selectors in one CHILD SA, which only IKEv2 carries
        // (RFC 7296 §2.9); an IKEv1 quick mode has one ID pair (RFC 2409 §5.5). PRODUCT.md §3 has the same rule.
        if (protocol is IkeProtocol.Ikev1Main or IkeProtocol.Ikev1Aggressive)
        {
            if (localSubnets is { Count: > 1 }) c.Error("localSubnets", "may list more than one subnet only with ikeVersion ikev2");
            if (remoteSubnets is { Count: > 1 }) c.Error("remoteSubnets", "may list more than one subnet only with ikeVersion ikev2");
        }

        var psk = secrets.Read(c, warnings);
        c.RejectUnknownFields();

        if (c.ErrorCount > errorsBefore || name is null || localEndpoint is null || remoteAddress is null
            || localSubnets is null || remoteSubnets is null || psk is null || protocol is null)
        {
            psk?.Dispose();
            return null;
        }

        localId ??= localEndpoint.Address.ToString();
        remoteId ??= remoteAddress.ToString();
        // PRODUCT.md §3 warning: IKEv1 main mode encrypts the identities, so a PSK responder must choose the key by
        // the peer's IP address before it sees an FQDN ID (RFC 2409 §5.4); aggressive mode sends IDs in the clear.
        if (protocol == IkeProtocol.Ikev1Main && (IkeIdentity.IsFqdn(localId) || IkeIdentity.IsFqdn(remoteId)))
            warnings.Add($"{c.Path} ({label}): an FQDN identity with IKEv1 main mode and a PSK only works when the peer selects the key by IP address; aggressive mode is recommended");

        return new ConnectionConfig(
            name, protocol.Value, localEndpoint, new IPEndPoint(remoteAddress, remotePort), localId, remoteId, psk,
            ikeProposal, childProposal, localSubnets, remoteSubnets,
            TimeSpan.FromSeconds(ikeLifetime), TimeSpan.FromSeconds(ipsecLifetime),
            enableDpd ? new DpdConfig(TimeSpan.FromSeconds(dpdInterval), TimeSpan.FromSeconds(dpdTimeout)) : null,
            natTraversal, effectImmediately ? StartAction.Immediately : StartAction.OnTraffic);
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>localAddress defaults to the only listen address; localPort picks among listen entries on the same
    /// address and defaults to the only one's ikePort.</summary>
    private IPEndPoint? ReadLocalEndpoint(ConfigObject c)
    {
        var address = AgentConfigReader.ReadAddress(c, "localAddress", required: false, "the local address");
        int? port = c.Integer("localPort", 1, 65535);
        if (address is null && c.Has("localAddress")) return null;
        if (address is null)
        {
            var addresses = listen.Select(l => l.Address).Distinct().ToList();
            if (addresses.Count != 1)
            {
                c.ErrorHere("localAddress", $"is required when the agent listens on more than one address ({string.Join(", ", addresses)})");
                return null;
            }
            address = addresses[0];
        }
        var candidates = listen.Where(l => l.Address.Equals(address)).ToList();
        if (candidates.Count == 0)
        {
            c.Error("localAddress", $"{address} is not one of the listen addresses ({string.Join(", ", listen.Select(l => l.Address).Distinct())})");
            return null;
        }
        if (port is null)
        {
            if (candidates.Count == 1) return candidates[0].Ike;
            c.ErrorHere("localPort", $"is required: the agent listens on {address} with more than one ikePort ({string.Join(", ", candidates.Select(l => l.IkePort))})");
            return null;
        }
        if (candidates.Any(l => l.IkePort == port)) return new IPEndPoint(address, port.Value);
        c.Error("localPort", $"{port} is not an ikePort the agent listens on at {address} ({string.Join(", ", candidates.Select(l => l.IkePort))})");
        return null;
    }

    /// <summary>A list of IPv4 CIDR blocks without host bits or repeats, as an array or (like the API) one
    /// comma-separated string; at most <see cref="ConnectionLimits.MaxSubnetsPerSide"/>.</summary>
    private static IReadOnlyList<Subnet>? ReadSubnets(ConfigObject c, string field)
    {
        var raw = c.Raw(field);
        if (raw is null)
        {
            c.ErrorHere(field, "is required: a list of IPv4 CIDR blocks such as [\"10.0.0.0/24\"]");
            return null;
        }
        List<string> items;
        if (raw.Value.ValueKind == JsonValueKind.String)
            items = [.. raw.Value.GetString()!.Split(',', StringSplitOptions.TrimEntries)];
        else if (raw.Value.ValueKind == JsonValueKind.Array && raw.Value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String))
            items = [.. raw.Value.EnumerateArray().Select(i => i.GetString()!)];
        else
        {
            c.Error(field, $"must be an array of CIDR strings, not {ConfigObject.Describe(raw.Value)}{(raw.Value.ValueKind == JsonValueKind.Array ? " with non-string items" : "")}");
            return null;
        }
        if (items.Count == 0 || items.Count > ConnectionLimits.MaxSubnetsPerSide)
        {
            c.Error(field, $"must list 1 to {ConnectionLimits.MaxSubnetsPerSide} CIDR blocks, not {items.Count}");
            return null;
        }
        var result = new List<Subnet>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            string item = items[i];
            switch (Ipv4Cidr.TryParse(item, out var cidr))
            {
                case CidrParseOutcome.Malformed:
                    c.Error(field, $"item {i} \"{item}\" is not an IPv4 CIDR block such as 10.0.0.0/24");
                    return null;
                case CidrParseOutcome.HostBitsSet:
                    c.Error(field, $"item {i} \"{item}\" has host bits set below the /{cidr.PrefixLength} prefix; the network is {cidr}");
                    return null;
            }
            if (!seen.Add(cidr.ToString()))
            {
                c.Error(field, $"item {i} repeats {cidr}");
                return null;
            }
            result.Add(new Subnet(IPAddress.Parse(cidr.Network.ToString()), cidr.PrefixLength));
        }
        return result;
    }

    private static IkeProtocol? Protocol(ConfigObject ike, string version, string mode)
    {
        bool modeValid = mode is "main" or "aggressive";
        if (!modeValid) ike.Error("ikeMode", $"must be one of main, aggressive, not \"{mode}\"");
        switch (version)
        {
            case "ikev2":
                // Aggressive mode is an IKEv1 exchange (RFC 2409 §5.4); IKEv2 has none. Refused, as the API does.
                if (mode == "aggressive")
                {
                    ike.Error("ikeMode", "aggressive mode exists only in IKEv1; use \"main\" (or omit ikeMode) with ikev2");
                    return null;
                }
                return modeValid ? IkeProtocol.Ikev2 : null;
            case "ikev1":
                return modeValid ? (mode == "main" ? IkeProtocol.Ikev1Main : IkeProtocol.Ikev1Aggressive) : null;
            default:
                ike.Error("ikeVersion", $"must be one of ikev1, ikev2, not \"{version}\"");
                return null;
        }
    }

    private static readonly string[] EncryptionNames = [.. EngineCatalog.EncryptionAlgorithms.Select(a => a.ApiName)];
    private static readonly string[] IntegrityNames = [.. EngineCatalog.AuthAlgorithms.Select(a => a.ApiName)];
    private static readonly string[] DhGroupNames = [.. EngineCatalog.DhGroups.Select(g => g.ApiName)];
    private static readonly string[] PfsNames = [AlgorithmCatalog.PfsDisabled, .. DhGroupNames];

    private string Encryption(ConfigObject obj, string field, string label) => Algorithm(obj, field, label, "aes", EncryptionNames);

    private string Integrity(ConfigObject obj, string field, string label) => Algorithm(obj, field, label, "sha256", IntegrityNames);

    /// <summary>A DH group by API name; for ipsecPfs also "disabled", which is null (no PFS).</summary>
    private string? DhGroup(ConfigObject obj, string field, string label, bool allowDisabled)
    {
        string name = Algorithm(obj, field, label, "group14", allowDisabled ? PfsNames : DhGroupNames);
        return name == AlgorithmCatalog.PfsDisabled ? null : name;
    }

    /// <summary>An algorithm by the API's name, spelt exactly (case-sensitive, like the API), from the engine's catalogue.</summary>
    private string Algorithm(ConfigObject obj, string field, string label, string fallback, string[] names)
    {
        string? name = obj.String(field);
        if (name is null) return fallback;
        if (!names.Contains(name)) obj.Error(field, $"must be one of {string.Join(", ", names)}, not \"{name}\"");
        else WarnIfWeak(obj, field, name, label);
        return name;
    }

    private void WarnIfWeak(ConfigObject obj, string field, string name, string label)
    {
        // PRODUCT.md §3: weak algorithms are accepted with a warning (RFC 8247 / RFC 8221).
        if (AlgorithmCatalog.WeaknessOf(name) is { } why) warnings.Add($"{obj.FieldPath(field)} ({label}) {name}: {why}");
    }

    private static string? ReadIdentity(ConfigObject ike, string field)
    {
        string? id = ike.String(field);
        if (id is null || IkeIdentity.ClassifyAddressOrFqdn(id) is not null) return id;
        ike.Error(field, $"must be {IkeIdentity.Description}");
        return null;
    }
}
