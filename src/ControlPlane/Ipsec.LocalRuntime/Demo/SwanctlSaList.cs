namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// Reads the IKE and CHILD SAs, with their states, out of <c>swanctl --list-sas --pretty</c>: vici list-sa events with
/// one entry a line (<c>name {</c>, <c>key = value</c>, <c>key = [</c> … <c>]</c>, <c>}</c>). Each event holds IKE SA
/// sections named after the connection; each of those a <c>child-sas</c> section with one section per CHILD SA.
/// Anything it does not recognise is skipped: this only summarises what our own charon printed.
/// </summary>
static class SwanctlSaList
{
    sealed class Node(string name)
    {
        public string Name { get; } = name;
        public Dictionary<string, string> Values { get; } = [];
        public List<Node> Children { get; } = [];
    }

    public static IReadOnlyList<DemoIkeSa> Parse(string pretty)
    {
        var root = new Node("");
        var stack = new Stack<Node>([root]);
        bool inList = false;
        foreach (string raw in pretty.Split('\n'))
        {
            string line = raw.Trim();
            if (inList) { inList = line != "]"; continue; }
            if (line.EndsWith(" {", StringComparison.Ordinal))
            {
                var node = new Node(line[..^2].Trim());
                stack.Peek().Children.Add(node);
                stack.Push(node);
            }
            else if (line == "}") { if (stack.Count > 1) stack.Pop(); }
            else if (line.EndsWith("= [", StringComparison.Ordinal)) inList = true;
            else if (line.IndexOf(" = ", StringComparison.Ordinal) is int eq and > 0) stack.Peek().Values[line[..eq]] = line[(eq + 3)..];
        }
        return [.. root.Children.Where(e => e.Name == "list-sa event").SelectMany(e => e.Children).Select(ToIkeSa)];
    }

    static DemoIkeSa ToIkeSa(Node ike)
    {
        var children = ike.Children.FirstOrDefault(c => c.Name == "child-sas")?.Children ?? [];
        return new DemoIkeSa(ike.Name, ike.Values.GetValueOrDefault("state", "?"),
            [.. children.Select(c => new DemoChildSa(c.Values.GetValueOrDefault("name", c.Name), c.Values.GetValueOrDefault("state", "?")))]);
    }
}
