package io.github.daemoniker.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import java.util.ArrayList;
import java.util.List;

/**
 * A PROC_THREAD_ATTRIBUTE_LIST for CreateProcess (STARTUPINFOEX): which handles a child inherits,
 * which job it starts in. The values stay reachable here until the list is closed, after
 * CreateProcess has read them.
 */
final class ProcThreadAttributes implements AutoCloseable {
    private final Memory list;
    private final List<Memory> values = new ArrayList<>();

    ProcThreadAttributes(int count) {
        BaseTSD.ULONG_PTRByReference size = new BaseTSD.ULONG_PTRByReference();
        Win32.KERNEL32.InitializeProcThreadAttributeList(null, count, 0, size);
        list = new Memory(size.getValue().longValue());
        if (!Win32.KERNEL32.InitializeProcThreadAttributeList(list, count, 0, size)) {
            throw WindowsHandles.failure("a process attribute list could not be made");
        }
    }

    /** Sets {@code attribute} to an array of {@code handles}; whether the system took it. */
    boolean set(int attribute, HANDLE... handles) {
        Memory value = new Memory((long) Native.POINTER_SIZE * handles.length);
        for (int i = 0; i < handles.length; i++) {
            value.setPointer((long) Native.POINTER_SIZE * i, handles[i].getPointer());
        }
        values.add(value);
        return Win32.KERNEL32.UpdateProcThreadAttribute(list, 0, new BaseTSD.ULONG_PTR(attribute), value,
                new BaseTSD.SIZE_T(value.size()), null, null);
    }

    Memory list() {
        return list;
    }

    @Override
    public void close() {
        Win32.KERNEL32.DeleteProcThreadAttributeList(list);
        java.lang.ref.Reference.reachabilityFence(values);
        java.lang.ref.Reference.reachabilityFence(list);
    }
}
