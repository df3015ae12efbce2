using System.Net;
using Ike.Agent.Configuration;
using Ike.Agent.Tests.TestSupport;
using Ike.Engine.Api;

namespace Ike.Agent.Tests.Configuration;

public class AgentConfigReaderTests
{
    private static AgentConfig Parse(string json, Func<string, string?>? environment = null, string baseDirectory = "/nonexistent") =>
        AgentConfigReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), "agent.json", baseDirectory, environment ?? (_ => null));

    private static AgentConfigException Invalid(string json, Func<string, string?>? environment = null) =>
        Assert.Throws<AgentConfigException>(() => Parse(json, environment));

    [Fact]
    public void Every_field_of_the_full_config_reaches_the_engine_config()
    {
        var config = Parse(Configs.Full);

        Assert.Equal([new ListenEndpoint(IPAddress.Parse("127.0.0.1"), 15500, 14500)], config.Listen);
        Assert.Equal("/run/ipsec-agent/test.sock", config.ControlSocket);
        Assert.Equal(["127.0.0.1:15500", "127.0.0.1:14500"], config.Endpoints.Select(e => e.ToString()));
        var c = Assert.Single(config.Connections);
        Assert.Equal("idc", c.Name);
        Assert.Equal(IkeProtocol.Ikev2, c.Protocol);
        Assert.Equal("127.0.0.1:15500", c.LocalEndpoint.ToString());
        Assert.Equal("127.0.0.2:25500", c.RemoteEndpoint.ToString());
        Assert.Equal("peer-a.lab.test", c.LocalId);
        Assert.Equal("peer-b.lab.test", c.RemoteId);
        Assert.Equal(Configs.Psk, System.Text.Encoding.UTF8.GetString(c.Psk.Bytes));
        Assert.Equal(new IkeProposalConfig("aes256", "sha256", "group14"), c.Ike);
        Assert.Equal(new ChildProposalConfig("aes", "sha1", null), c.Child);
        Assert.Equal(["10.0.0.0/24"], c.LocalSubnets.Select(s => s.ToString()));
        Assert.Equal(["10.1.0.0/24", "10.2.0.0/16"], c.RemoteSubnets.Select(s => s.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(3600), c.IkeLifetime);
        Assert.Equal(TimeSpan.FromSeconds(1800), c.ChildLifetime);
        Assert.Equal(new DpdConfig(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)), c.Dpd);
        Assert.False(c.NatTraversal);
        Assert.Equal(StartAction.Immediately, c.StartAction);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void A_minimal_connection_takes_the_products_defaults()
    {
        var config = Parse(Configs.Minimal("idc"));

        Assert.Equal([new ListenEndpoint(IPAddress.Parse("127.0.0.1"), 500, 4500)], config.Listen);
        Assert.Null(config.ControlSocket);
        var c = Assert.Single(config.Connections);
        Assert.Equal(IkeProtocol.Ikev2, c.Protocol);
        Assert.Equal("127.0.0.1:500", c.LocalEndpoint.ToString());
        Assert.Equal("127.0.0.2:500", c.RemoteEndpoint.ToString());
        Assert.Equal("127.0.0.1", c.LocalId);
        Assert.Equal("127.0.0.2", c.RemoteId);
        Assert.Equal(new IkeProposalConfig("aes", "sha256", "group14"), c.Ike);
        Assert.Equal(new ChildProposalConfig("aes", "sha256", "group14"), c.Child);
        Assert.Equal(TimeSpan.FromSeconds(86400), c.IkeLifetime);
        Assert.Equal(TimeSpan.FromSeconds(86400), c.ChildLifetime);
        Assert.Equal(new DpdConfig(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)), c.Dpd);
        Assert.True(c.NatTraversal);
        Assert.Equal(StartAction.OnTraffic, c.StartAction);
    }

    [Fact]
    public void Comments_a_byte_order_mark_and_comma_separated_subnets_are_accepted()
    {
        string json = "\uFEFF// agent for the lab\n" + Configs.Minimal("idc")
            .Replace("\"remoteSubnets\": [\"10.1.0.0/24\"]", "\"remoteSubnets\": \"10.1.0.0/24, 10.3.0.0/24\" /* as the API */");

        var c = Assert.Single(Parse(json).Connections);

        Assert.Equal(["10.1.0.0/24", "10.3.0.0/24"], c.RemoteSubnets.Select(s => s.ToString()));
    }

    [Fact]
    public void Disabling_dpd_gives_no_dpd_config_and_ikev1_modes_map_to_protocols()
    {
        string json = Configs.Minimal("main1", "aggr1")
            .Replace("{ \"name\": \"main1\",", "{ \"name\": \"main1\", \"enableDpd\": false, \"ikeConfig\": { \"ikeVersion\": \"ikev1\" },")
            .Replace("{ \"name\": \"aggr1\",", "{ \"name\": \"aggr1\", \"ikeConfig\": { \"ikeVersion\": \"ikev1\", \"ikeMode\": \"aggressive\" },");

        var config = Parse(json);

        Assert.Null(config.Connections[0].Dpd);
        Assert.Equal(IkeProtocol.Ikev1Main, config.Connections[0].Protocol);
        Assert.Equal(IkeProtocol.Ikev1Aggressive, config.Connections[1].Protocol);
    }

    [Fact]
    public void Weak_algorithms_and_fqdn_ids_in_main_mode_are_warnings_not_errors()
    {
        string json = Configs.Minimal("old")
            .Replace("{ \"name\": \"old\",", """{ "name": "old", "ikeConfig": { "ikeVersion": "ikev1", "ikeEncAlg": "des", "ikePfs": "group2", "remoteId": "idc.example" }, "ipsecConfig": { "ipsecAuthAlg": "md5" },""");

        var config = Parse(json);

        Assert.Collection(config.Warnings,
            w => Assert.StartsWith("connections[0].ikeConfig.ikeEncAlg (old) des: DES has a 56-bit key", w),
            w => Assert.StartsWith("connections[0].ikeConfig.ikePfs (old) group2: group2 is 1024-bit MODP", w),
            w => Assert.StartsWith("connections[0].ipsecConfig.ipsecAuthAlg (old) md5: MD5 is broken", w),
            w => Assert.StartsWith("connections[0] (old): an FQDN identity with IKEv1 main mode", w));
    }

    [Fact]
    public void A_second_listen_address_makes_localAddress_required_and_localPort_picks_the_endpoint()
    {
        string listen = "\"listen\": [ { \"address\": \"127.0.0.1\" }, { \"address\": \"127.0.0.1\", \"ikePort\": 15500, \"natPort\": 14500 }, { \"address\": \"127.0.0.3\" } ]";
        string json = Configs.Minimal("one", "two", "three").Replace("\"listen\": [ { \"address\": \"127.0.0.1\" } ]", listen)
            .Replace("{ \"name\": \"one\",", "{ \"name\": \"one\", \"localAddress\": \"127.0.0.1\", \"localPort\": 15500,")
            .Replace("{ \"name\": \"two\",", "{ \"name\": \"two\", \"localAddress\": \"127.0.0.3\",");

        var error = Invalid(json);

        var only = Assert.Single(error.Errors);
        Assert.Equal("connections[2].localAddress", only.Field);
        Assert.Contains("is required when the agent listens on more than one address", only.Message);

        var config = Parse(json.Replace("{ \"name\": \"three\",", "{ \"name\": \"three\", \"localAddress\": \"127.0.0.1\", \"localPort\": 500,"));
        Assert.Equal(["127.0.0.1:15500", "127.0.0.3:500", "127.0.0.1:500"], config.Connections.Select(c => c.LocalEndpoint.ToString()));
    }

    /// <summary>Each row breaks one field of <see cref="Configs.Full"/> and names the error it must produce: the field
    /// path, the line (of <see cref="Configs.Full"/>), and part of the message.</summary>
    public static TheoryData<string, string, string, string, int, string> InvalidFields => new()
    {
        { "name not a name", "\"name\": \"idc\"", "\"name\": \"1dc\"", "connections[0].name", 8, "must be 2-128 characters, starting with an English letter" },
        { "name missing", "\"name\": \"idc\",", "", "connections[0].name", 7, "is required" },
        { "name wrong type", "\"name\": \"idc\"", "\"name\": 5", "connections[0].name", 8, "must be a string, not the number 5" },
        { "remote address out of range", "\"127.0.0.2\"", "\"127.0.0.256\"", "connections[0].remoteAddress", 9, "unicast IPv4 address" },
        { "remote address wildcard", "\"127.0.0.2\"", "\"0.0.0.0\"", "connections[0].remoteAddress", 9, "unicast IPv4 address" },
        { "remote address ipv6", "\"127.0.0.2\"", "\"::1\"", "connections[0].remoteAddress", 9, "unicast IPv4 address" },
        { "remote address missing", "\"remoteAddress\": \"127.0.0.2\",", "", "connections[0].remoteAddress", 7, "is required" },
        { "remote port zero", "\"remotePort\": 25500", "\"remotePort\": 0", "connections[0].remotePort", 10, "an integer from 1 to 65535, not 0" },
        { "remote port string", "\"remotePort\": 25500", "\"remotePort\": \"25500\"", "connections[0].remotePort", 10, "not a string" },
        { "remote port fraction", "\"remotePort\": 25500", "\"remotePort\": 500.5", "connections[0].remotePort", 10, "not the number 500.5" },
        { "local subnet host bits", "[\"10.0.0.0/24\"]", "[\"10.0.0.1/24\"]", "connections[0].localSubnets", 11, "has host bits set below the /24 prefix; the network is 10.0.0.0/24" },
        { "local subnet not cidr", "[\"10.0.0.0/24\"]", "[\"10.0.0.0/33\"]", "connections[0].localSubnets", 11, "is not an IPv4 CIDR block" },
        { "local subnets empty", "[\"10.0.0.0/24\"]", "[]", "connections[0].localSubnets", 11, "must list 1 to 10 CIDR blocks, not 0" },
        { "local subnets not strings", "[\"10.0.0.0/24\"]", "[24]", "connections[0].localSubnets", 11, "must be an array of CIDR strings" },
        { "remote subnets repeat", "\"10.2.0.0/16\"]", "\"10.1.0.0/24\"]", "connections[0].remoteSubnets", 12, "item 1 repeats 10.1.0.0/24" },
        { "remote subnets missing", "\"remoteSubnets\": [\"10.1.0.0/24\", \"10.2.0.0/16\"],", "", "connections[0].remoteSubnets", 7, "is required" },
        { "several subnets with ikev1", "\"ikeVersion\": \"ikev2\"", "\"ikeVersion\": \"ikev1\"", "connections[0].remoteSubnets", 12, "more than one subnet only with ikeVersion ikev2" },
        { "psk with a space", Configs.Psk, "lab psk", "connections[0].psk", 13, "1-100 printable ASCII characters without spaces" },
        { "psk empty", Configs.Psk, "", "connections[0].psk", 13, "1-100 printable ASCII characters" },
        { "psk number", $"\"{Configs.Psk}\"", "42", "connections[0].psk", 13, "must be the key as a string, {\"file\": PATH} or {\"env\": NAME}, not the number 42" },
        { "psk env unset", $"\"{Configs.Psk}\"", "{ \"env\": \"IDC_PSK\" }", "connections[0].psk.env", 13, "environment variable IDC_PSK is not set" },
        { "psk file missing", $"\"{Configs.Psk}\"", "{ \"file\": \"idc.psk\" }", "connections[0].psk.file", 13, "cannot read /nonexistent/idc.psk" },
        { "psk both references", $"\"{Configs.Psk}\"", "{ \"file\": \"a\", \"env\": \"B\" }", "connections[0].psk", 13, "must name exactly one of \"file\" or \"env\"" },
        { "psk unknown reference", $"\"{Configs.Psk}\"", "{ \"env\": \"B\", \"vault\": \"x\" }", "connections[0].psk.vault", 13, "is not a known field here (known: env, file)" },
        { "psk missing", $"\"psk\": \"{Configs.Psk}\",", "", "connections[0].psk", 7, "is required" },
        { "ike version", "\"ikev2\"", "\"ikev3\"", "connections[0].ikeConfig.ikeVersion", 15, "must be one of ikev1, ikev2, not \"ikev3\"" },
        { "aggressive with ikev2", "\"ikeVersion\": \"ikev2\",", "\"ikeVersion\": \"ikev2\", \"ikeMode\": \"aggressive\",", "connections[0].ikeConfig.ikeMode", 15, "aggressive mode exists only in IKEv1" },
        { "ike mode", "\"ikeVersion\": \"ikev2\",", "\"ikeVersion\": \"ikev2\", \"ikeMode\": \"quick\",", "connections[0].ikeConfig.ikeMode", 15, "must be one of main, aggressive" },
        { "ike encryption", "\"aes256\"", "\"aes512\"", "connections[0].ikeConfig.ikeEncAlg", 16, "must be one of aes, aes192, aes256, des, 3des, not \"aes512\"" },
        { "ike integrity", "\"ikeAuthAlg\": \"sha256\"", "\"ikeAuthAlg\": \"sha3\"", "connections[0].ikeConfig.ikeAuthAlg", 17, "must be one of md5, sha1, sha256, sha384, sha512" },
        { "ike dh group", "\"group14\"", "\"group19\"", "connections[0].ikeConfig.ikePfs", 18, "must be one of group1, group2, group5, group14, not \"group19\"" },
        { "ike pfs disabled", "\"group14\"", "\"disabled\"", "connections[0].ikeConfig.ikePfs", 18, "must be one of group1" },
        { "ike lifetime zero", "\"ikeLifetime\": 3600", "\"ikeLifetime\": 0", "connections[0].ikeConfig.ikeLifetime", 19, "an integer from 1 to 86400 seconds, not 0" },
        { "ike lifetime too long", "\"ikeLifetime\": 3600", "\"ikeLifetime\": 86401", "connections[0].ikeConfig.ikeLifetime", 19, "not 86401" },
        { "local id with space", "\"peer-a.lab.test\"", "\"peer a\"", "connections[0].ikeConfig.localId", 20, "an IPv4 address or an FQDN" },
        { "remote id too long", "\"peer-b.lab.test\"", $"\"{new string('a', 101)}\"", "connections[0].ikeConfig.remoteId", 21, "at most 100 characters" },
        { "ike config not object", "\"ikeConfig\": {", "\"ikeConfig\": 1, \"x\": {", "connections[0].ikeConfig", 14, "must be a JSON object, not the number 1" },
        { "esp encryption", "\"ipsecEncAlg\": \"aes\"", "\"ipsecEncAlg\": \"sm4\"", "connections[0].ipsecConfig.ipsecEncAlg", 24, "not \"sm4\"" },
        { "esp integrity", "\"ipsecAuthAlg\": \"sha1\"", "\"ipsecAuthAlg\": \"SHA1\"", "connections[0].ipsecConfig.ipsecAuthAlg", 25, "not \"SHA1\"" },
        { "esp pfs", "\"disabled\"", "\"off\"", "connections[0].ipsecConfig.ipsecPfs", 26, "must be one of disabled, group1, group2, group5, group14, not \"off\"" },
        { "esp lifetime", "\"ipsecLifetime\": 1800", "\"ipsecLifetime\": -1", "connections[0].ipsecConfig.ipsecLifetime", 27, "not -1" },
        { "esp unknown field", "\"ipsecLifetime\": 1800", "\"ipsecLifetime\": 1800, \"ipsecMode\": \"tunnel\"", "connections[0].ipsecConfig.ipsecMode", 27, "is not a known field here" },
        { "dpd switch string", "\"enableDpd\": true", "\"enableDpd\": \"yes\"", "connections[0].enableDpd", 29, "must be true or false, not a string" },
        { "dpd interval zero", "\"dpdInterval\": 5", "\"dpdInterval\": 0", "connections[0].dpdInterval", 30, "an integer from 1 to 3600 seconds, not 0" },
        { "dpd timeout too long", "\"dpdTimeout\": 20", "\"dpdTimeout\": 86401", "connections[0].dpdTimeout", 31, "an integer from 1 to 86400 seconds" },
        { "nat-t switch number", "\"enableNatTraversal\": false", "\"enableNatTraversal\": 0", "connections[0].enableNatTraversal", 32, "must be true or false, not the number 0" },
        { "effect immediately null", "\"effectImmediately\": true", "\"effectImmediately\": null", "connections[0].effectImmediately", 33, "must be true or false, not null" },
        { "misspelt field", "\"enableDpd\": true", "\"enableDPD\": true", "connections[0].enableDPD", 29, "is not a known field here" },
        { "field given twice", "\"remotePort\": 25500,", "\"remotePort\": 25500, \"remotePort\": 500,", "connections[0].remotePort", 10, "is given more than once in this object" },
        { "local address not served", "\"name\": \"idc\",", "\"name\": \"idc\", \"localAddress\": \"127.0.0.9\",", "connections[0].localAddress", 8, "127.0.0.9 is not one of the listen addresses (127.0.0.1)" },
        { "local port not served", "\"name\": \"idc\",", "\"name\": \"idc\", \"localPort\": 14500,", "connections[0].localPort", 8, "14500 is not an ikePort the agent listens on at 127.0.0.1 (15500)" },
        { "listen wildcard", "\"address\": \"127.0.0.1\"", "\"address\": \"0.0.0.0\"", "listen[0].address", 3, "unicast IPv4 address" },
        { "listen same ports", "\"natPort\": 14500", "\"natPort\": 15500", "listen[0].natPort", 3, "must differ from ikePort (15500)" },
        { "listen port range", "\"ikePort\": 15500", "\"ikePort\": 65536", "listen[0].ikePort", 3, "an integer from 1 to 65535, not 65536" },
        { "listen empty", "{ \"address\": \"127.0.0.1\", \"ikePort\": 15500, \"natPort\": 14500 }", "", "listen", 2, "must list 1 to 16 endpoints, not 0" },
        { "listen unknown field", "\"natPort\": 14500", "\"natPort\": 14500, \"interface\": \"eth0\"", "listen[0].interface", 3, "is not a known field here" },
        { "control socket relative", "\"/run/ipsec-agent/test.sock\"", "\"control.sock\"", "controlSocket", 5, "must be an absolute path" },
        { "control socket too long", "\"/run/ipsec-agent/test.sock\"", $"\"/{new string('s', 107)}\"", "controlSocket", 5, "longer than the 107 bytes" },
        { "connections not array", "\"connections\": [", "\"connections\": {}, \"x\": [", "connections", 6, "must be a JSON array, not an object" },
        { "connection not object", "\"connections\": [", "\"connections\": [ 7,", "connections[0]", 6, "must be a JSON object, not the number 7" },
        { "trailing comma", "\"effectImmediately\": true", "\"effectImmediately\": true,", "", 34, "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void An_invalid_field_is_named_with_its_line(string reason, string find, string replace, string field, int line, string message)
    {
        Assert.Contains(find, Configs.Full);
        string json = ReplaceFirst(Configs.Full, find, replace);

        var error = Invalid(json);

        var found = Assert.Single(error.Errors, e => e.Field == field);
        Assert.True(found.Line == line, $"{reason}: line {found.Line}, expected {line} ({found})");
        Assert.Contains(message, found.Message);
        Assert.DoesNotContain(Configs.Psk, error.Message);
    }

    [Fact]
    public void Every_error_in_a_file_is_reported_at_once_in_line_order()
    {
        string json = Configs.Full.Replace("\"aes256\"", "\"aes512\"").Replace("\"remotePort\": 25500", "\"remotePort\": 0").Replace("\"dpdInterval\": 5", "\"dpdInterval\": 0");

        var error = Invalid(json);

        Assert.Equal([10, 16, 30], error.Errors.Select(e => e.Line));
        Assert.Contains("agent.json: 3 error(s):", error.Message);
        Assert.Contains("line 16: connections[0].ikeConfig.ikeEncAlg: must be one of", error.Message);
    }

    [Fact]
    public void Two_connections_may_not_share_a_name()
    {
        var error = Invalid(Configs.Minimal("idc", "idc"));

        var only = Assert.Single(error.Errors);
        Assert.Equal("connections[1].name", only.Field);
        Assert.Equal("\"idc\" is already the name of connections[0]", only.Message);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_refused()
    {
        var only = Assert.Single(Invalid("[]").Errors);

        Assert.Equal(new ConfigError("", 1, "must be a JSON object, not an array"), only);
    }

    [Fact]
    public void A_file_larger_than_the_bound_is_not_read()
    {
        using var directory = new TempDirectory();
        string path = directory.Write("big.json", "{" + new string(' ', AgentConfigReader.MaxConfigBytes) + "}");

        var error = Assert.Throws<AgentConfigException>(() => AgentConfigReader.Load(path));

        Assert.Contains("at most 1048576 are read", Assert.Single(error.Errors).Message);
    }

    [Fact]
    public void A_config_file_with_an_inline_psk_readable_by_others_is_warned_about()
    {
        using var directory = new TempDirectory();
        string path = directory.Write("agent.json", Configs.Minimal("idc"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var config = AgentConfigReader.Load(path);

        Assert.Contains(config.Warnings, w => w.Contains("holds a pre-shared key and is readable by group or others"));
        Assert.DoesNotContain(config.Warnings, w => w.Contains(Configs.Psk));
    }

    [Fact]
    public void On_reload_connections_are_checked_against_the_running_endpoints_and_a_listen_change_is_a_warning()
    {
        using var directory = new TempDirectory();
        string path = directory.Write("agent.json", Configs.Full.Replace("\"ikePort\": 15500", "\"ikePort\": 16500"));
        var running = new[] { new ListenEndpoint(IPAddress.Parse("127.0.0.1"), 15500, 14500) };

        var config = AgentConfigReader.Load(path, runningListen: running);

        Assert.Equal(running, config.Listen);
        Assert.Equal("127.0.0.1:15500", Assert.Single(config.Connections).LocalEndpoint.ToString());
        Assert.Contains(config.Warnings, w => w.StartsWith("listen changed to 127.0.0.1[16500/14500]; the agent keeps serving 127.0.0.1[15500/14500]"));
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }
}
