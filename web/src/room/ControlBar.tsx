import { useEffect, useState, type ReactNode } from 'react';
import * as Popover from '@radix-ui/react-popover';
import { MessageSquare, Mic, MicOff, MonitorUp, MonitorX, PhoneOff, Settings, Users, Video, VideoOff } from 'lucide-react';
import { texts } from '../texts';

type ControlBarProps = {
  audio: boolean;
  video: boolean;
  sharing: boolean;
  canShare: boolean;
  hasMedia: boolean;
  chatOpen: boolean;
  peopleOpen: boolean;
  onToggleAudio(): void;
  onToggleVideo(): void;
  onShare(): void;
  onSwitchDevice(kind: 'audio' | 'video', deviceId: string): void;
  onToggleChat(): void;
  onTogglePeople(): void;
  onLeave(): void;
};

function ControlButton({ label, pressed, danger, testId, onClick, children, disabled }: { label: string; pressed?: boolean; danger?: boolean; testId: string; onClick(): void; children: ReactNode; disabled?: boolean }) {
  return (
    <button type="button" className={`control${danger ? ' off' : ''}`} data-testid={testId} aria-pressed={pressed} onClick={onClick} disabled={disabled}>
      {children}
      <span className="control-label">{label}</span>
    </button>
  );
}

function DeviceMenu({ onSwitch }: { onSwitch(kind: 'audio' | 'video', deviceId: string): void }) {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    void navigator.mediaDevices?.enumerateDevices().then(setDevices, () => setDevices([]));
  }, [open]);
  const list = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind && d.deviceId);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button type="button" className="control" data-testid="devices">
          <Settings aria-hidden />
          <span className="control-label">{texts.room.devices}</span>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="room-popover" sideOffset={8} aria-label={texts.room.devices}>
          <label>
            {texts.room.micDevice}
            <select data-testid="mic-device" onChange={(e) => onSwitch('audio', e.target.value)} defaultValue="">
              <option value="" disabled>—</option>
              {list('audioinput').map((d, i) => <option key={d.deviceId} value={d.deviceId}>{d.label || `${texts.room.mic} ${i + 1}`}</option>)}
            </select>
          </label>
          <label>
            {texts.room.cameraDevice}
            <select data-testid="camera-device" onChange={(e) => onSwitch('video', e.target.value)} defaultValue="">
              <option value="" disabled>—</option>
              {list('videoinput').map((d, i) => <option key={d.deviceId} value={d.deviceId}>{d.label || `${texts.room.camera} ${i + 1}`}</option>)}
            </select>
          </label>
          <Popover.Arrow className="room-popover-arrow" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** The call's controls: icon buttons with their names written out, toggles saying whether they are on. */
export function ControlBar(p: ControlBarProps) {
  return (
    <div className="control-bar" role="toolbar" aria-label={texts.room.controls} data-testid="controls">
      <ControlButton testId="toggle-audio" label={p.audio ? texts.room.mic : texts.room.micMuted} pressed={p.audio} danger={!p.audio} onClick={p.onToggleAudio} disabled={!p.hasMedia}>
        {p.audio ? <Mic aria-hidden /> : <MicOff aria-hidden />}
      </ControlButton>
      <ControlButton testId="toggle-video" label={p.video ? texts.room.camera : texts.room.cameraOff} pressed={p.video} danger={!p.video} onClick={p.onToggleVideo} disabled={!p.hasMedia}>
        {p.video ? <Video aria-hidden /> : <VideoOff aria-hidden />}
      </ControlButton>
      {p.canShare && (
        <ControlButton testId="toggle-share" label={p.sharing ? texts.room.stopShare : texts.room.share} pressed={p.sharing} onClick={p.onShare} disabled={!p.hasMedia}>
          {p.sharing ? <MonitorX aria-hidden /> : <MonitorUp aria-hidden />}
        </ControlButton>
      )}
      {p.hasMedia && <DeviceMenu onSwitch={p.onSwitchDevice} />}
      <ControlButton testId="toggle-people" label={texts.room.participants} pressed={p.peopleOpen} onClick={p.onTogglePeople}>
        <Users aria-hidden />
      </ControlButton>
      <ControlButton testId="toggle-chat" label={texts.room.chat} pressed={p.chatOpen} onClick={p.onToggleChat}>
        <MessageSquare aria-hidden />
      </ControlButton>
      <button type="button" className="control leave" data-testid="leave" onClick={p.onLeave}>
        <PhoneOff aria-hidden />
        <span className="control-label">{texts.room.leave}</span>
      </button>
    </div>
  );
}
