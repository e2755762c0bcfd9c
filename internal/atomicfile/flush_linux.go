package atomicfile

import (
	"os"
	"runtime"
	"syscall"
)

// sysSyncfs is the number of the syncfs system call on this architecture
// (the syscall package does not define it; the numbers are those of
// golang.org/x/sys/unix, zsysnum_linux_*.go); 0 where it is not listed,
// and then every file is flushed with fsync.
var sysSyncfs = map[string]uintptr{
	"amd64": 306, "386": 344, "arm": 373, "arm64": 267, "riscv64": 267, "loong64": 267,
	"ppc64": 348, "ppc64le": 348, "s390x": 338, "mips": 4342, "mipsle": 4342,
	"mips64": 5301, "mips64le": 5301,
}[runtime.GOARCH]

// syncfsReports is whether syncfs reports write errors: since Linux 5.8.
// Before, a batch flushes each file with fsync.
var syncfsReports = kernelAtLeast(5, 8)

// kernelAtLeast reports whether the running kernel's release is at least
// major.minor.
func kernelAtLeast(major, minor int) bool {
	var u syscall.Utsname
	if syscall.Uname(&u) != nil {
		return false
	}
	var rel []byte
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		rel = append(rel, byte(c))
	}
	return releaseAtLeast(string(rel), major, minor)
}

// groupFlush is true: Commit flushes staged files together.
const groupFlush = true

// syncfs flushes the file system that holds dir to disk: the data and
// metadata of every file on it, with the disk's cache (syncfs(2); errors
// of earlier writes are reported since Linux 5.8).
func syncfs(dir string) error {
	if sysSyncfs == 0 {
		return syscall.ENOSYS
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if _, _, e := syscall.Syscall(sysSyncfs, d.Fd(), 0, 0); e != 0 {
		return e
	}
	return nil
}

// device returns the file system of dir, or 0.
func device(dir string) uint64 {
	st, err := os.Stat(dir)
	if err != nil {
		return 0
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(sys.Dev) + 1
	}
	return 0
}
