package io.github.daemoniker.windows;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef;

/**
 * The Win32 structures and callback jna-platform does not have: public, as JNA reaches them by
 * reflection, and outside {@link Win32}, whose loading JNA would otherwise force to read their
 * options, so that they are checked on any system.
 */
final class Win32Types {

    private Win32Types() {
    }

    /** A HandlerRoutine: true when the event was handled, false to pass it to the next handler. */
    public interface ConsoleHandler extends com.sun.jna.win32.StdCallLibrary.StdCallCallback {
        boolean invoke(int ctrlType);
    }

    /** STARTUPINFOEXW: the startup info and the list of handles the child inherits. */
    @Structure.FieldOrder({"startupInfo", "lpAttributeList"})
    public static final class StartupInfoEx extends Structure {
        public WinBase.STARTUPINFO startupInfo = new WinBase.STARTUPINFO();
        public Pointer lpAttributeList;

        public StartupInfoEx() {
            startupInfo.cb = new WinDef.DWORD(size());
        }
    }

    /** JOBOBJECT_EXTENDED_LIMIT_INFORMATION, of which only the limit flags are set. */
    @Structure.FieldOrder({"perProcessUserTimeLimit", "perJobUserTimeLimit", "limitFlags", "minimumWorkingSetSize",
            "maximumWorkingSetSize", "activeProcessLimit", "affinity", "priorityClass", "schedulingClass",
            "readOperationCount", "writeOperationCount", "otherOperationCount", "readTransferCount",
            "writeTransferCount", "otherTransferCount", "processMemoryLimit", "jobMemoryLimit",
            "peakProcessMemoryUsed", "peakJobMemoryUsed"})
    public static final class JobLimits extends Structure {
        public long perProcessUserTimeLimit;
        public long perJobUserTimeLimit;
        public int limitFlags;
        public BaseTSD.SIZE_T minimumWorkingSetSize;
        public BaseTSD.SIZE_T maximumWorkingSetSize;
        public int activeProcessLimit;
        public BaseTSD.ULONG_PTR affinity;
        public int priorityClass;
        public int schedulingClass;
        public long readOperationCount;
        public long writeOperationCount;
        public long otherOperationCount;
        public long readTransferCount;
        public long writeTransferCount;
        public long otherTransferCount;
        public BaseTSD.SIZE_T processMemoryLimit;
        public BaseTSD.SIZE_T jobMemoryLimit;
        public BaseTSD.SIZE_T peakProcessMemoryUsed;
        public BaseTSD.SIZE_T peakJobMemoryUsed;
    }

    /** SERVICE_DELAYED_AUTO_START_INFO: whether an automatic service starts shortly after the others. */
    @Structure.FieldOrder({"fDelayedAutostart"})
    public static final class DelayedAutoStart extends com.sun.jna.platform.win32.Winsvc.ChangeServiceConfig2Info {
        public int fDelayedAutostart;
    }
}
