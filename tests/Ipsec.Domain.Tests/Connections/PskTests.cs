namespace Ipsec.Domain.Tests.Connections;

public class PskTests
{
    public static TheoryData<string, bool> Keys => new()
    {
        { "a", true },
        { new string('k', 100), true },
        { "!\"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~", true },   // every kind of printable ASCII
        { new string('k', 101), false },
        { "", false },
        { "has space", false },
        { "tab\there", false },
        { "密钥", false },
        { "é", false },
        { "line\n", false },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Psk_is_1_to_100_printable_ascii_without_spaces(string psk, bool valid)
    {
        var result = ConnectionRules.ValidatePsk(psk, GatewayKind.Standard);
        if (valid) Assert.Equal(psk, Expect.Valid(result));
        else Expect.OnlyError(result, "InvalidParameter.Psk", "psk");
    }

    [Fact]
    public void No_psk_is_valid_and_means_generate_one()
    {
        var result = ConnectionRules.ValidatePsk(null, GatewayKind.Standard);
        Assert.True(result.IsValid);
        Assert.Null(result.Value);
        Assert.True(ConnectionRules.ValidatePsk(null, GatewayKind.Sm).IsValid);
    }

    [Fact]
    public void Sm_gateways_take_no_psk() =>
        Expect.OnlyError(ConnectionRules.ValidatePsk("abc", GatewayKind.Sm), "InvalidParameter.Psk.NotSupportedOnSmGateway", "psk");

    [Fact]
    public void Create_reports_a_bad_psk_without_echoing_it()
    {
        const string secret = "top secret";
        var result = ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { Psk = secret }, Fixtures.Context());
        var error = Expect.OnlyError(result, "InvalidParameter.Psk", "psk");
        Assert.DoesNotContain(secret, error.Message);
        Assert.DoesNotContain("top", error.Message);
    }

    [Fact]
    public void Create_accepts_a_good_psk_and_keeps_it_out_of_the_settings()
    {
        var result = ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { Psk = "Str0ng#Key" }, Fixtures.Context());
        var settings = Expect.Valid(result);
        Assert.DoesNotContain("Str0ng#Key", settings.ToString());
    }

    [Fact]
    public void Request_text_hides_the_psk() =>
        Assert.DoesNotContain("Str0ng#Key", (Fixtures.StandardRequest() with { Psk = "Str0ng#Key" }).ToString());

    [Fact]
    public void Generated_keys_are_16_printable_characters_that_pass_the_rule()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => PskGenerator.Generate()).ToList();
        Assert.All(keys, key =>
        {
            Assert.Equal(16, key.Length);
            Assert.True(ConnectionRules.ValidatePsk(key, GatewayKind.Standard).IsValid);
        });
        // A broken generator (constant, or drawing from a few symbols) fails these; a working one fails with
        // probability far below 2^-90.
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(keys.SelectMany(k => k).Distinct().Count() > 50);
    }
}
