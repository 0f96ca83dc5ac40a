# Receives the arguments declared by suites/cli/args.yaml and compares them.
# $0 is WASI's argv[0] and ARGV the rest (the toolchain's program takes both from args_get).
a = [$0, *ARGV]
at = ->(i) { a[i] || "(none)" }
check(a.length == 4, "argc", "argc=#{a.length}, want 4")
check(!$0.to_s.empty?, "argv0-present", "argv[0] empty")
check(at[1] == "alpha", "argv-plain", "argv[1]=#{at[1]}")
check(at[2] == "beta gamma", "argv-space", "argv[2]=#{at[2]}")
check(at[3] == "ünicøde", "argv-utf8", "argv[3]=#{at[3].inspect}")
exit status
