from .textpart import TextPart as TextPart
from .uploadfile import UploadFile as UploadFile
from .uploadrequest import UploadRequest as UploadRequest
