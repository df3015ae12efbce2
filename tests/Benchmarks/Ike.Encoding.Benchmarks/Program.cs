using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Ike.Encoding.Benchmarks.IkeSaInitCodecBenchmarks).Assembly).Run(args);
