using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Ipsec.Crypto.Benchmarks.KeyExchangeBenchmarks).Assembly).Run(args);
