namespace Ike.Agent.Control.Views;

/// <summary>What a <c>load</c> changed: connections added, replaced (definition changed), removed (gone from the
/// file), left as they were, and refused by the engine; plus the configuration's warnings.</summary>
public sealed record LoadView(
    IReadOnlyList<string> Added, IReadOnlyList<string> Replaced, IReadOnlyList<string> Removed,
    IReadOnlyList<string> Unchanged, IReadOnlyList<LoadFailureView> Failed, IReadOnlyList<string> Warnings);

/// <summary>A connection the engine refused to load, and its reason.</summary>
public sealed record LoadFailureView(string Name, string Message);
