namespace Interop.Tests.Peers;

/// <summary>What swanctl --initiate acts on: a CHILD_SA config (which brings its IKE_SA up first) or an IKE_SA config alone.</summary>
public sealed record SaSelector
{
    SaSelector(string option, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Option = option;
        Name = name;
    }

    /// <summary>The swanctl option: --child or --ike.</summary>
    public string Option { get; }

    /// <summary>The connection or child section name in swanctl.conf.</summary>
    public string Name { get; }

    public static SaSelector Child(string childName) => new("--child", childName);

    public static SaSelector Ike(string ikeName) => new("--ike", ikeName);

    public override string ToString() => $"{Option} {Name}";
}
