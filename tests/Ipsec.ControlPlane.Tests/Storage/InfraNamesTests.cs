using System.Text.Json;
using System.Text.RegularExpressions;
using Ipsec.ControlPlane.Storage;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Storage;

/// <summary>
/// infra/main.bicep creates the tables and queues the app uses and names its Durable Task hub; the app creates nothing
/// on Azure by itself, so a name that drifts between the two is a runtime failure (missing table or queue) or an
/// orphaned resource. These tests read the template as text: no Bicep compiler, no Azure.
/// </summary>
public partial class InfraNamesTests
{
    static readonly string RepositoryRoot = FindRepositoryRoot();
    static readonly string MainBicep = File.ReadAllText(Path.Combine(RepositoryRoot, "infra", "main.bicep"));

    [Fact]
    public void Bicep_declares_exactly_the_tables_of_StorageNames() =>
        AssertSameNames("tableNames", StorageNames.Tables, StringArrayVariable(MainBicep, "tableNames"));

    [Fact]
    public void Bicep_declares_exactly_the_queues_of_StorageNames() =>
        AssertSameNames("queueNames", StorageNames.Queues, StringArrayVariable(MainBicep, "queueNames"));

    [Fact]
    public void Bicep_task_hub_is_the_hub_of_host_json()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "host.json")));
        string hubName = hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString()!;

        var declared = StringVariable().Match(MainBicep);
        Assert.True(declared.Success, "infra/main.bicep declares no `var taskHubName = '...'`");
        Assert.Equal(hubName, declared.Groups["value"].Value);
    }

    static void AssertSameNames(string variable, IEnumerable<string> expected, IReadOnlyList<string> declared)
    {
        // Storage table names are case-insensitive, queue names lowercase only: compare exactly, as written.
        var missing = expected.Except(declared, StringComparer.Ordinal).ToList();
        var extra = declared.Except(expected, StringComparer.Ordinal).ToList();
        var duplicates = declared.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && duplicates.Count == 0,
            $"infra/main.bicep `{variable}` differs from StorageNames: missing [{string.Join(", ", missing)}], " +
            $"extra [{string.Join(", ", extra)}], duplicated [{string.Join(", ", duplicates)}]");
    }

    /// <summary>The items of <c>var name = [ 'a' 'b' ]</c> (Bicep's multi-line array: one quoted string per line).</summary>
    static List<string> StringArrayVariable(string bicep, string name)
    {
        var declaration = Regex.Match(bicep, @"^var\s+" + Regex.Escape(name) + @"\s*=\s*\[(?<items>[^\]]*)\]", RegexOptions.Multiline);
        Assert.True(declaration.Success, $"infra/main.bicep declares no `var {name} = [...]`");
        return QuotedString().Matches(declaration.Groups["items"].Value).Select(m => m.Groups["value"].Value).ToList();
    }

    static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IpsecFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no IpsecFunctions.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"'(?<value>[^']*)'")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"^var\s+taskHubName\s*=\s*'(?<value>[^']*)'", RegexOptions.Multiline)]
    private static partial Regex StringVariable();
}
