package atomicfile

import (
	"os"
	"runtime"
	"syscall"
)

// sysSyncfs is the number of the syncfs system call on this architecture
// (the syscall package does not define it); 0 where it is not listed, and
// then every file is flushed with fsync.
var sysSyncfs = map[string]uintptr{
	"amd64": 306, "386": 344, "arm": 373, "arm64": 267, "riscv64": 267, "loong64": 267,
	"ppc64": 348, "ppc64le": 348, "s390x": 348,
}[runtime.GOARCH]

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
