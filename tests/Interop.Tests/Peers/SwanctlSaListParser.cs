using System.Globalization;
using System.Numerics;

namespace Interop.Tests.Peers;

/// <summary>
/// Reads <c>swanctl --list-sas --pretty</c>: the vici list-sa events, one entry a line. The --raw form puts a
/// whole event on one line with unquoted values, so an identity with spaces (a DN such as
/// "C=CN, O=example, CN=idc", which sm gateways use) cannot be told from the next key there; --pretty is the
/// same message with one entry per line.
/// <code>
/// list-sa event {
///   v2psk {                      &lt;- IKE_SA section, named after the connection
///     state = ESTABLISHED        &lt;- key = value
///     child-sas {
///       v2psk-child-1 {          &lt;- CHILD_SA section, named child name + "-" + unique id
///         local-ts = [           &lt;- list, one item a line
///           127.0.0.1/32
///         ]
/// </code>
/// </summary>
public static class SwanctlSaListParser
{
    const string EventSection = "list-sa event";

    /// <summary>Every IKE_SA of every list-sa event; throws <see cref="SwanctlOutputFormatException"/> on anything else.</summary>
    public static IReadOnlyList<IkeSaInfo> Parse(string prettyOutput)
    {
        ArgumentNullException.ThrowIfNull(prettyOutput);
        ViciSection document = ReadTree(prettyOutput);
        var sas = new List<IkeSaInfo>();
        foreach (ViciSection message in document.Sections.Where(s => s.Name == EventSection))
            foreach (ViciSection ike in message.Sections)
                sas.Add(ToIkeSa(ike));
        return sas;
    }

    static IkeSaInfo ToIkeSa(ViciSection ike)
    {
        ViciSection? children = ike.Sections.FirstOrDefault(s => s.Name == "child-sas");
        return new IkeSaInfo(
            Name: ike.Name,
            UniqueId: RequiredNumber<uint>(ike, "uniqueid"),
            Version: RequiredNumber<int>(ike, "version"),
            State: Required(ike, "state"),
            LocalHost: ike.Value("local-host"),
            LocalPort: OptionalNumber<int>(ike, "local-port"),
            LocalId: ike.Value("local-id"),
            RemoteHost: ike.Value("remote-host"),
            RemotePort: OptionalNumber<int>(ike, "remote-port"),
            RemoteId: ike.Value("remote-id"),
            IsInitiator: ike.Value("initiator") == "yes",
            InitiatorSpi: ike.Value("initiator-spi"),
            ResponderSpi: ike.Value("responder-spi"),
            EncryptionAlgorithm: ike.Value("encr-alg"),
            EncryptionKeySize: OptionalNumber<int>(ike, "encr-keysize"),
            IntegrityAlgorithm: ike.Value("integ-alg"),
            PrfAlgorithm: ike.Value("prf-alg"),
            DhGroup: ike.Value("dh-group"),
            ChildSas: children is null ? [] : [.. children.Sections.Select(ToChildSa)]);
    }

    static ChildSaInfo ToChildSa(ViciSection child) => new(
        Name: child.Value("name") ?? child.Name,
        UniqueId: RequiredNumber<uint>(child, "uniqueid"),
        State: Required(child, "state"),
        Mode: child.Value("mode"),
        Protocol: child.Value("protocol"),
        UdpEncapsulated: child.Value("encap") == "yes",
        SpiIn: child.Value("spi-in"),
        SpiOut: child.Value("spi-out"),
        EncryptionAlgorithm: child.Value("encr-alg"),
        EncryptionKeySize: OptionalNumber<int>(child, "encr-keysize"),
        IntegrityAlgorithm: child.Value("integ-alg"),
        DhGroup: child.Value("dh-group"),
        LocalTrafficSelectors: child.List("local-ts"),
        RemoteTrafficSelectors: child.List("remote-ts"));

    static string Required(ViciSection section, string key) =>
        section.Value(key) ?? throw new SwanctlOutputFormatException($"section '{section.Name}' has no '{key}'", section.Line);

    static T RequiredNumber<T>(ViciSection section, string key) where T : struct, IBinaryInteger<T> =>
        OptionalNumber<T>(section, key) ?? throw new SwanctlOutputFormatException($"section '{section.Name}' has no '{key}'", section.Line);

    static T? OptionalNumber<T>(ViciSection section, string key) where T : struct, IBinaryInteger<T>
    {
        string? text = section.Value(key);
        if (text is null) return null;
        return T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out T value)
            ? value
            : throw new SwanctlOutputFormatException($"'{key}' of '{section.Name}' is not a number: '{text}'", section.Line);
    }

    /// <summary>Builds the section tree. The root is an unnamed section holding the top-level messages.</summary>
    static ViciSection ReadTree(string text)
    {
        var root = new ViciSection("", 0);
        var open = new Stack<ViciSection>();
        open.Push(root);
        string? listKey = null;
        List<string>? listItems = null;
        int listLine = 0;
        string[] lines = text.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            int lineNumber = index + 1;
            string line = lines[index].Trim();
            if (line.Length == 0) continue;
            if (listItems is not null)
            {
                if (line == "]") { open.Peek().Lists[listKey!] = listItems; listItems = null; listKey = null; }
                else listItems.Add(line);
                continue;
            }
            int equals = line.IndexOf(" = ", StringComparison.Ordinal);
            if (line == "}")
            {
                if (open.Count == 1) throw new SwanctlOutputFormatException("'}' without an open section", lineNumber);
                open.Pop();
            }
            else if (equals > 0)
            {
                string key = line[..equals];
                string value = line[(equals + 3)..];
                if (value == "[") { listKey = key; listItems = []; listLine = lineNumber; }
                else open.Peek().Values[key] = value;
            }
            else if (line.EndsWith(" {", StringComparison.Ordinal) || line == "{")
            {
                var section = new ViciSection(line[..^1].TrimEnd(), lineNumber);
                open.Peek().Sections.Add(section);
                open.Push(section);
            }
            else if (line.EndsWith(" =", StringComparison.Ordinal))
            {
                open.Peek().Values[line[..^2]] = ""; // an empty value
            }
            else throw new SwanctlOutputFormatException($"unexpected line '{line}'", lineNumber);
        }
        if (listItems is not null) throw new SwanctlOutputFormatException($"list '{listKey}' is not closed", listLine);
        if (open.Count != 1) throw new SwanctlOutputFormatException($"section '{open.Peek().Name}' is not closed", open.Peek().Line);
        return root;
    }

    sealed class ViciSection(string name, int line)
    {
        public string Name { get; } = name;
        public int Line { get; } = line;
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<string>> Lists { get; } = new(StringComparer.Ordinal);
        public List<ViciSection> Sections { get; } = [];

        public string? Value(string key) => Values.GetValueOrDefault(key);

        public IReadOnlyList<string> List(string key) => Lists.TryGetValue(key, out var items) ? items : [];
    }
}

/// <summary>swanctl printed something that is not a vici message dump.</summary>
public sealed class SwanctlOutputFormatException(string reason, int lineNumber)
    : FormatException($"swanctl output, line {lineNumber}: {reason}")
{
    public string Reason { get; } = reason;
    public int LineNumber { get; } = lineNumber;
}
