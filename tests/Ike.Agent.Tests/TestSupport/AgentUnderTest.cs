using Ike.Agent.Client;
using Ike.Agent.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ike.Agent.Tests.TestSupport;

/// <summary>
/// A real <see cref="AgentHost"/> (real configuration file, real control socket) over a <see cref="RecordingEngine"/>
/// and a <see cref="RecordingTransport"/>, with a client pointed at it.
/// </summary>
internal sealed class AgentUnderTest : IAsyncDisposable
{
    private AgentUnderTest(TempDirectory directory, AgentHost host, RecordingEngine engine, RecordingTransport transport)
    {
        Directory = directory;
        Host = host;
        Engine = engine;
        Transport = transport;
        Client = new AgentControlClient(host.ControlSocketPath);
    }

    public TempDirectory Directory { get; }

    public AgentHost Host { get; }

    public RecordingEngine Engine { get; }

    public RecordingTransport Transport { get; }

    public AgentControlClient Client { get; }

    public string ConfigPath => Directory.File("agent.json");

    public static async Task<AgentUnderTest> StartAsync(string config, RecordingEngine? engine = null, TimeSpan? shutdownTimeout = null)
    {
        var directory = new TempDirectory();
        directory.Write("agent.json", config);
        engine ??= new RecordingEngine();
        RecordingTransport? transport = null;
        var factory = new EngineFactory((endpoints, _) => transport = new RecordingTransport(endpoints), (built, _) =>
        {
            engine.Transport = built;
            return engine;
        });
        var options = new AgentHostOptions(directory.File("agent.json"))
        {
            ControlSocket = directory.File("control.sock"),
            Environment = _ => null,
            ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(5),
        };
        try
        {
            var host = await AgentHost.StartAsync(options, factory, NullLoggerFactory.Instance);
            return new AgentUnderTest(directory, host, engine, transport!);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public void Rewrite(string config) => Directory.Write("agent.json", config);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}
