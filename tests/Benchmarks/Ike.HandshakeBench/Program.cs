using Ike.HandshakeBench;
using Ike.HandshakeBench.Initiator;
using Ike.HandshakeBench.Responder;

// Two roles of the handshake benchmark (see tests/Benchmarks/README.md and handshake-bench.sh):
//   responder --ike A:P --natt A:P --peer A:P --status A:P --psk S --local-id ID --remote-id ID [--local-ts C --remote-ts C]
//   initiate  --label L --mode ike|child --local A:P --remote A:P --psk S --local-id ID --responder-pid PID
//             [--count-cmd CMD --handshakes N --warmup N --concurrency K --responder-core C --give-up-seconds S]
if (args.Length == 0 || args[0] is not ("responder" or "initiate"))
{
    Console.Error.WriteLine("usage: Ike.HandshakeBench responder|initiate --option value ... (see Program.cs)");
    return 64;
}

try
{
    var options = new CommandLine(args[1..]);
    return args[0] == "responder" ? await ResponderCommand.RunAsync(options) : InitiatorCommand.Run(options);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 64;
}
