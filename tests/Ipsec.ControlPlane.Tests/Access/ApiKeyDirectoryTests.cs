using Ipsec.ControlPlane.Access;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Access;

public sealed class ApiKeyDirectoryTests
{
    static ApiKeyDirectory Directory(params (string Key, string? Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void Keys_map_to_their_account_and_the_operator_key_to_the_operator()
    {
        var d = Directory(("ApiKeys:alice:Key", "k-alice"), ("ApiKeys:alice:AccountId", "acct-a"),
            ("ApiKeys:bob:Key", "k-bob"), ("ApiKeys:bob:AccountId", "acct-b"), ("OperatorKey", "k-op"));
        Assert.Equal("acct-a", d.Resolve("k-alice")!.AccountId);
        Assert.Equal("acct-b", d.Resolve("k-bob")!.AccountId);
        Assert.True(d.Resolve("k-op")!.IsOperator);
        Assert.Null(d.Resolve("k-alic"));
        Assert.Null(d.Resolve(""));
        Assert.Null(d.Resolve(null));
        Assert.Equal("acct-a", d.AccountForKeyId("alice"));
        Assert.Null(d.AccountForKeyId("k-alice"));   // queue messages name the key id, never the key
    }

    [Fact]
    public void An_unresolved_key_vault_reference_is_never_a_valid_key()
    {
        const string unresolved = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/api-key-alice)";
        var d = Directory(("ApiKeys:alice:Key", unresolved), ("ApiKeys:alice:AccountId", "acct-a"), ("OperatorKey", unresolved));
        Assert.Null(d.Resolve(unresolved));
    }
}
